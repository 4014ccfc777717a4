package org.carewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.demo.DemoAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on its real embedded defaults (PostgreSQL from the bundled binaries, in-process broker):
 * seeds once, writes the accounts file, and a restart keeps seeded and new data.
 */
class DemoRestartIT {
    @TempDir
    Path data;

    private CareWatchConfig config() {
        CareWatchConfig cfg = ConfigLoader.load(null, Map.of()).withDataDir(data);
        // As the demo command does: its simulated cameras are on loopback.
        cfg = cfg.withOutbound(cfg.outbound().withCameras(cfg.outbound().cameras().withAllowLoopback(true)));
        return cfg.withHttp(cfg.http().withPort(0)).withMqtt(cfg.mqtt().withEmbeddedPort(0, true));
    }

    @Test
    void demoSeedsOnceAndKeepsDataAcrossRestart() throws Exception {
        List<DemoAccount> first;
        long newId;
        try (CareWatchApp app = CareWatchApp.start(config(), true)) {
            first = app.demoAccounts();
            assertThat(first).extracting(DemoAccount::role).contains("admin", "officer", "auditor", "facility");
            List<String> lines = Files.readAllLines(data.resolve("demo-accounts.txt"));
            assertThat(lines).hasSize(first.size()).allMatch(l -> l.matches("[a-z]+ [a-z0-9_.-]+ \\S+"));
            Http http = new Http(app.httpPort());
            assertThat(http.get("/readyz", null).status()).isEqualTo(200);
            String admin = http.token("admin", password(first, "admin"));
            var centres = http.get("/api/v1/centres", admin).json();
            assertThat(centres.get("count").asInt()).isGreaterThanOrEqualTo(10);
            assertThat(centres.get("items").get(0).get("napStartsAt").isNull()).isFalse();
            newId = http.post("/api/v1/centres", admin, "{\"code\":\"KEEP\",\"name\":\"重启后保留\"}").json().get("id").asLong();
        }
        try (CareWatchApp app = CareWatchApp.start(config(), true)) {
            assertThat(app.demoAccounts()).isEqualTo(first);
            Http http = new Http(app.httpPort());
            String officer = http.token("officer1", password(first, "officer1"));
            assertThat(http.get("/api/v1/centres/" + newId, officer).json().get("name").asText()).isEqualTo("重启后保留");
            try (var c = app.store().connection(); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT (SELECT count(*) FROM cameras), (SELECT count(*) FROM sensors), (SELECT count(*) FROM districts)")) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(10);
                assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(10);
                assertThat(rs.getInt(3)).isEqualTo(1);
            }
            try (var c = app.store().connection(); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT DISTINCT profile_id FROM sensors UNION SELECT DISTINCT profile_id FROM cameras")) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    assertThat(app.profiles().sensor(id).isPresent() || app.profiles().camera(id).isPresent()).as(id).isTrue();
                }
            }
            // The demo's devices follow the centre-code rule and publish with their own logins (re-issued at each
            // start) to the authenticating embedded broker: every simulated demo sensor's readings arrive.
            try (var c = app.store().connection(); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(*) FROM sensors s JOIN centres c ON c.id = s.centre_id"
                         + " WHERE s.device_key NOT LIKE c.code || '.%'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("demo device keys outside their centre's code").isZero();
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
                try (var c = app.store().connection(); var st = c.createStatement();
                     var rs = st.executeQuery("SELECT (SELECT count(*) FROM sensors WHERE active),"
                             + " (SELECT count(DISTINCT sensor_id) FROM readings), (SELECT count(*) FROM rejected_messages)")) {
                    rs.next();
                    assertThat(rs.getInt(2)).as("sensors with readings").isEqualTo(rs.getInt(1));
                    assertThat(rs.getInt(3)).as("rejected messages").isZero();
                }
            });
        }
    }

    @Test
    void auditVerifyChecksAStoppedDemosAccessLog() throws Exception {
        try (CareWatchApp app = CareWatchApp.start(config(), true)) {
            var log = new org.carewatch.core.audit.AccessLog(app.store().dataSource());
            log.append(new org.carewatch.core.audit.AccessRecord(java.time.Instant.now(), 1, "officer1", "officer", "snapshot", "camera",
                    1, 1, "test", "127.0.0.1"));
        }
        int exit = org.carewatch.cli.CareWatchCommand.commandLine().execute("audit", "verify", "--data", data.toString());
        assertThat(exit).isZero();
    }

    private static String password(List<DemoAccount> accounts, String user) {
        return accounts.stream().filter(a -> a.username().equals(user)).findFirst().orElseThrow().password();
    }
}
