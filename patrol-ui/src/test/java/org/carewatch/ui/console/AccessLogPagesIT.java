package org.carewatch.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.audit.AccessLog;
import org.carewatch.core.audit.AccessRecord;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /audit/access} and its CSV at the HTTP level (no browser): auditors and administrators read their own
 * district's rows only, officers and facility staff are refused (403), filters narrow the rows and the CSV holds
 * exactly the rows shown, and a malformed filter is a 400 naming the field (page, CSV and API alike). The rows
 * are written through the access log itself (the browser test makes them by real snapshots).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessLogPagesIT {
    static TestDatabase db;
    static CareWatchApp app;
    static Http api;
    static long centreA;
    static long centreE;

    @TempDir
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = TestApp.start(db, data);
        TestData td = new TestData(app.store().dataSource());
        long d = td.district("D");
        long e = td.district("E");
        centreA = td.centre(d, "CA");
        long centreB = td.centre(d, "CB");
        centreE = td.centre(e, "CE");
        long officer = td.user("officer", "officer-pass-1", Role.OFFICER, d);
        td.user("auditor", "auditor-pass-1", Role.AUDITOR, d);
        td.user("admin", "admin-pass-1", Role.ADMIN, d);
        td.user("staff.a", "staff-a-pass-1", Role.FACILITY, centreA);
        td.user("auditor.e", "auditor-e-pass-1", Role.AUDITOR, e);
        long officerE = td.user("officer.e", "officer-e-pass-1", Role.OFFICER, e);
        AccessLog log = new AccessLog(app.store().dataSource());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        log.append(new AccessRecord(now.minusSeconds(300), officer, "officer", "officer", "snapshot", "camera", 11, centreA, "nap check", "10.0.0.7"));
        log.append(new AccessRecord(now.minusSeconds(200), officer, "officer", "officer", "frame", "patrol-frame", 501, centreB, "patrol visit 9",
                "10.0.0.7"));
        log.append(new AccessRecord(now.minusSeconds(100), officer, "officer", "officer", "snapshot", "camera", 12, centreA,
                "=cmd|' /C calc'!A0", "10.0.0.8"));
        log.append(new AccessRecord(now, officerE, "officer.e", "officer", "snapshot", "camera", 99, centreE, "district E secret purpose",
                "10.9.9.9"));
        api = new Http(app.httpPort());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        db.close();
    }

    static ConsoleClient as(String user, String password) {
        ConsoleClient c = new ConsoleClient(app.httpPort());
        c.signIn(user, password);
        return c;
    }

    @Test
    void officersAndFacilityStaffAreRefused() {
        for (ConsoleClient c : List.of(as("officer", "officer-pass-1"), as("staff.a", "staff-a-pass-1"))) {
            assertThat(c.get("/audit/access").status()).isEqualTo(403);
            assertThat(c.get("/audit/access.csv").status()).isEqualTo(403);
            assertThat(c.get("/audit/access").body()).doesNotContain("nap check");
        }
        assertThat(api.get("/api/v1/audit/access", api.token("officer", "officer-pass-1")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/access", api.token("staff.a", "staff-a-pass-1")).status()).isEqualTo(403);
        // Signed out: to the sign-in page, nothing shown.
        assertThat(new ConsoleClient(app.httpPort()).get("/audit/access").location()).startsWith("/login?next=");
    }

    @Test
    void auditorsSeeTheirDistrictOnlyWithTheChainStatus() {
        ConsoleClient d = as("auditor", "auditor-pass-1");
        var page = d.get("/audit/access");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("nap check", "patrol visit 9", "10.0.0.7", "Centre CA", "Centre CB", "data-intact=\"true\"")
                .doesNotContain("district E secret purpose", "10.9.9.9");
        assertThat(rows(page.body())).isEqualTo(3);
        assertThat(as("admin", "admin-pass-1").get("/audit/access").body()).contains("nap check");

        ConsoleClient e = as("auditor.e", "auditor-e-pass-1");
        var other = e.get("/audit/access");
        assertThat(other.body()).contains("district E secret purpose").doesNotContain("nap check", "patrol visit 9");
        // Naming the other district's centre shows nothing of it.
        assertThat(e.get("/audit/access?centre=" + centreA).body()).doesNotContain("nap check");
        assertThat(e.get("/audit/access.csv?centre=" + centreA).body().strip().lines()).hasSize(1);
        var json = api.get("/api/v1/audit/access", api.token("auditor.e", "auditor-e-pass-1")).json();
        assertThat(json.get("count").asInt()).isEqualTo(1);
        assertThat(json.get("items").get(0).get("purpose").asText()).isEqualTo("district E secret purpose");
    }

    @Test
    void filtersNarrowTheRowsAndTheCsvHoldsExactlyThoseRows() {
        ConsoleClient d = as("auditor", "auditor-pass-1");
        var snapshots = d.get("/audit/access?action=snapshot&centre=" + centreA);
        assertThat(rows(snapshots.body())).isEqualTo(2);
        assertThat(snapshots.body()).doesNotContain("patrol visit 9");
        assertThat(rows(d.get("/audit/access?camera=11").body())).isEqualTo(1);
        assertThat(rows(d.get("/audit/access?user=nobody").body())).isZero();
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2).toString();
        assertThat(rows(d.get("/audit/access?from=" + today).body())).isZero();

        var csv = d.get("/audit/access.csv?action=snapshot&centre=" + centreA);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().strip().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(String.join(",", org.carewatch.ui.audit.AccessPages.CSV_COLUMNS));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("officer", "snapshot", "camera", ",12,", "Centre CA", "10.0.0.8");
        // A purpose that a spreadsheet would run as a formula is written as text.
        assertThat(lines.get(1)).contains("'=cmd|' /C calc'!A0").doesNotContain(",=cmd");
        assertThat(lines.get(2)).contains(",11,", "nap check");
    }

    @Test
    void badFiltersAre400NamingTheField() {
        ConsoleClient d = as("auditor", "auditor-pass-1");
        for (String[] bad : new String[][] {{"from", "yesterday"}, {"to", "2026-13-01"}, {"action", "delete"}, {"centre", "x"},
                {"camera", "-1"}, {"before", "0"}}) {
            var page = d.get("/audit/access?" + bad[0] + "=" + bad[1]);
            assertThat(page.status()).as(bad[0]).isEqualTo(400);
            assertThat(page.body()).as(bad[0]).contains("'" + bad[0] + "'");
            assertThat(d.get("/audit/access.csv?" + bad[0] + "=" + bad[1]).status()).as(bad[0]).isEqualTo(400);
        }
        assertThat(d.get("/audit/access?from=2026-02-02&to=2026-02-01").status()).isEqualTo(400);
        String token = api.token("auditor", "auditor-pass-1");
        for (String[] bad : new String[][] {{"action", "delete"}, {"camera", "abc"}, {"from", "2026-99-01"}}) {
            var r = api.get("/api/v1/audit/access?" + bad[0] + "=" + bad[1], token);
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo(bad[0]);
        }
        var order = api.get("/api/v1/audit/access?from=2026-02-02T00:00:00Z&to=2026-02-01T00:00:00Z", token);
        assertThat(order.status()).isEqualTo(400);
        assertThat(order.json().get("field").asText()).isEqualTo("to");
    }

    @Test
    void theApiGivesTheSameRowsAsJsonAndCsv() {
        String token = api.token("auditor", "auditor-pass-1");
        var json = api.get("/api/v1/audit/access?action=snapshot&centre=" + centreA, token).json().get("items");
        var csv = api.get("/api/v1/audit/access.csv?action=snapshot&centre=" + centreA, token);
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().strip().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("id,time,username,role,action,object_type,object_id,centre_id,purpose,client");
        assertThat(lines).hasSize(json.size() + 1).hasSize(3);
        for (int i = 0; i < json.size(); i++) {
            assertThat(lines.get(i + 1)).startsWith(json.get(i).get("id").asText() + ",")
                    .contains("," + json.get(i).get("objectId").asText() + "," + centreA + ",");
        }
        assertThat(api.get("/api/v1/audit/access.csv", api.token("officer", "officer-pass-1")).status()).isEqualTo(403);
        var bad = api.get("/api/v1/audit/access.csv?action=delete", token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("action");
    }

    /** Last (it breaks the chain for good): a row altered behind the append-only trigger shows on the page as a broken chain. */
    @Test
    @Order(Integer.MAX_VALUE)
    void anAlteredRowShowsAsABrokenChain() throws Exception {
        try (var c = app.store().dataSource().getConnection(); var st = c.createStatement()) {
            st.execute("SET session_replication_role = replica"); // as a database superuser could, bypassing the trigger
            st.execute("UPDATE access_log SET purpose = 'nothing to see' WHERE purpose = 'nap check'");
            st.execute("SET session_replication_role = DEFAULT"); // the pooled connection goes back as it came
        }
        var page = as("auditor", "auditor-pass-1").get("/audit/access");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-intact=\"false\"", "altered");
    }

    static int rows(String html) {
        return html.split("<tr data-row", -1).length - 1;
    }
}
