package org.carewatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.carewatch.alerts.notify.WebhookRepository;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.security.CredentialCipher;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 6, on a node with the production outbound policy: webhook URLs and camera hosts that are
 * (or resolve to) loopback, link-local or metadata addresses are refused when registered or changed (400
 * naming the field), private ranges are refused for webhooks but allowed for cameras, and a target stored
 * before (or behind) those checks is refused again when the connection is made: nothing is contacted.
 * Failure answers name the cause in general terms only.
 */
class OutboundPolicyIT {
    @RegisterExtension
    static final NoErrorsLogged logs = new NoErrorsLogged();
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static HttpServer receiver;
    static final AtomicInteger received = new AtomicInteger();
    static FakeRtspServer camera;
    static long district;
    static long centre;
    static String admin;
    static String facility;
    static String officer;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", ex -> {
            received.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Server", "secret-internal-service/1.0");
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        camera = new FakeRtspServer("Digest realm=\"cam\", nonce=\"n\"");
        db = TestDatabase.create();
        CareWatchConfig cfg = TestApp.productionOutbound(TestApp.config(db, dataDir, TestBroker.url()));
        cfg = cfg.withAlerts(ConfigLoader.load(null, Map.of("CAREWATCH_ALERTS_WEBHOOKS_TIMEOUT", "PT2S")).alerts());
        app = CareWatchApp.start(cfg, false);
        http = new Http(app.httpPort());
        var data = new TestData(app.store().dataSource());
        district = data.district("OUT");
        centre = data.centre(district, "OUT1");
        data.user("out-admin", "pw-admin", Role.ADMIN, district);
        data.user("out-facility", "pw-facility", Role.FACILITY, centre);
        data.user("out-officer", "pw-officer", Role.OFFICER, district);
        admin = http.token("out-admin", "pw-admin");
        facility = http.token("out-facility", "pw-facility");
        officer = http.token("out-officer", "pw-officer");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        db.close();
        receiver.stop(0);
        camera.close();
        // Whatever was registered, tested or snapshotted above, nothing reached the loopback listeners.
        assertThat(received.get()).isZero();
        assertThat(camera.connections()).isZero();
    }

    @Test
    void webhooksToLoopbackMetadataOrPrivateAddressesAreRefused() {
        int port = receiver.getAddress().getPort();
        String[] urls = {"http://127.0.0.1:" + port + "/hook", "http://localhost:" + port + "/hook", "http://[::1]:" + port + "/hook",
                "http://0.0.0.0:" + port + "/", "http://169.254.169.254/latest/meta-data/", "http://metadata.google.internal/computeMetadata/v1/",
                "http://100.100.100.200/latest/meta-data/", "http://[fd00:ec2::254]/", "http://[::ffff:127.0.0.1]:" + port + "/",
                "http://10.0.0.5/hook", "http://192.168.1.10/hook", "http://[fe80::1]/"};
        for (String url : urls) {
            var r = http.post("/api/v1/webhooks", admin, "{\"url\":\"" + url + "\",\"secret\":\"0123456789abcdef-secret\"}");
            assertThat(r.status()).as(url + " -> " + r.body()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("url");
            assertThat(r.json().get("message").asText()).contains("outbound policy");
        }
        // A name that does not resolve now is accepted (it is checked on every delivery); changing it to loopback is not.
        var created = http.post("/api/v1/webhooks", admin, "{\"url\":\"https://hooks.example.invalid/x\",\"secret\":\"0123456789abcdef-secret\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var moved = http.patch("/api/v1/webhooks/" + created.json().get("id").asLong(), admin,
                "{\"url\":\"http://localhost:" + port + "/hook\"}");
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.json().get("field").asText()).isEqualTo("url");
    }

    @Test
    void cameraHostsThatAreLoopbackOrMetadataAreRefusedButPrivateOnesAreNot() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1", "0.0.0.0", "169.254.169.254", "fd00:ec2::254",
                "100.100.100.200", "metadata.google.internal", "fe80::1"}) {
            var r = http.post("/api/v1/centres/" + centre + "/cameras", facility, """
                    {"name":"x","profileId":"generic-rtsp","host":"%s","port":%d,"path":"/live","held":false}""".formatted(host, camera.port()));
            assertThat(r.status()).as(host + " -> " + r.body()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("host");
        }
        var ok = http.post("/api/v1/centres/" + centre + "/cameras", facility,
                "{\"name\":\"lan\",\"profileId\":\"generic-rtsp\",\"host\":\"10.1.2.3\",\"path\":\"/live\",\"held\":false}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        var moved = http.patch("/api/v1/cameras/" + ok.json().get("id").asLong(), facility,
                "{\"host\":\"localhost\",\"port\":" + camera.port() + ",\"version\":0}");
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.json().get("field").asText()).isEqualTo("host");
    }

    @Test
    void targetsStoredEarlierAreCheckedAgainWhenConnecting() throws Exception {
        // As if registered before the policy (or by a name that resolved elsewhere then): the rows point at loopback.
        long cameraId;
        try (var c = app.store().connection(); var ps = c.prepareStatement("INSERT INTO cameras (centre_id, name, profile_id, host, port, "
                + "rtsp_path, username, held) VALUES (?, 'old', 'generic-rtsp', '127.0.0.1', ?, '/live', 'admin', false) RETURNING id")) {
            ps.setLong(1, centre);
            ps.setInt(2, camera.port());
            try (var rs = ps.executeQuery()) {
                rs.next();
                cameraId = rs.getLong(1);
            }
        }
        var snap = http.get("/api/v1/cameras/" + cameraId + "/snapshot.jpg?purpose=check", officer);
        assertThat(snap.status()).as(snap.body()).isEqualTo(422);
        assertThat(snap.json().get("error").asText()).isEqualTo("camera_refused");

        var repo = new WebhookRepository(app.store().dataSource(), CredentialCipher.fromKeyFile(dataDir.resolve("secret/credential.key")));
        long hook = repo.add(district, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "0123456789abcdef-secret").id();
        var test = http.post("/api/v1/webhooks/" + hook + "/test", admin, "");
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.json().get("delivered").asBoolean()).isFalse();
        assertThat(test.json().get("error").asText()).isEqualTo("refused_by_policy");
    }

    @Test
    void failureAnswersNameTheCauseInGeneralTermsOnly() {
        // A public address (documentation range) where nothing answers.
        var created = http.post("/api/v1/webhooks", admin, "{\"url\":\"http://192.0.2.1:81/hook\",\"secret\":\"0123456789abcdef-secret\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var test = http.post("/api/v1/webhooks/" + created.json().get("id").asLong() + "/test", admin, "");
        assertThat(test.json().get("delivered").asBoolean()).isFalse();
        assertThat(test.json().get("error").asText()).isIn("timeout", "unreachable");
        assertThat(test.body()).doesNotContain("Exception").doesNotContain("java.");
    }
}
