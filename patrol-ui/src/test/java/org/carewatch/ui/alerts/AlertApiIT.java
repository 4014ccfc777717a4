package org.carewatch.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carewatch.alerts.engine.SensorReading;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/alerts} over real HTTP on a whole node: live push, the lifecycle by role, scope, export. */
class AlertApiIT {
    static final byte[] JPEG = jpeg();

    static byte[] jpeg() {
        var img = new java.awt.image.BufferedImage(32, 24, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "jpeg", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static long centreA1;
    static long centreB1;
    static String officer;
    static String facility;
    static String auditor;
    static String officerB;
    static String facilityB;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = TestApp.start(db, dataDir);
        http = new Http(app.httpPort());
        long districtA;
        long districtB;
        try (var c = app.store().connection(); var st = c.createStatement()) {
            st.execute("INSERT INTO districts (code, name) VALUES ('A', 'A'), ('B', 'B')");
            // Open every day all day, so the test does not depend on when it runs.
            st.execute("INSERT INTO centres (district_id, code, name, open_days, opens_at, closes_at) "
                    + "SELECT id, code || '1', 'Centre ' || code, '{1,2,3,4,5,6,7}', '00:00', '23:59' FROM districts");
            var rs = st.executeQuery("SELECT d.id, c.id FROM districts d JOIN centres c ON c.district_id = d.id ORDER BY d.code");
            rs.next();
            districtA = rs.getLong(1);
            centreA1 = rs.getLong(2);
            rs.next();
            districtB = rs.getLong(1);
            centreB1 = rs.getLong(2);
        }
        var users = new UserRepository(app.store().dataSource());
        var h = new PasswordHasher();
        users.create("officer-a", "Officer A", h.hash("pass-officer"), Role.OFFICER, districtA, null, "en");
        users.create("facility-a1", "Facility A1", h.hash("pass-facility"), Role.FACILITY, null, centreA1, "en");
        users.create("auditor-a", "Auditor A", h.hash("pass-auditor"), Role.AUDITOR, districtA, null, "en");
        users.create("officer-b", "Officer B", h.hash("pass-officer"), Role.OFFICER, districtB, null, "en");
        users.create("facility-b1", "Facility B1", h.hash("pass-facility"), Role.FACILITY, null, centreB1, "en");
        officer = http.token("officer-a", "pass-officer");
        facility = http.token("facility-a1", "pass-facility");
        auditor = http.token("auditor-a", "pass-auditor");
        officerB = http.token("officer-b", "pass-officer");
        facilityB = http.token("facility-b1", "pass-facility");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        db.close();
    }

    /** Opens the event stream and collects its lines. */
    static List<String> stream(String token) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpClient.newHttpClient().sendAsync(req, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
        return lines;
    }

    @Test
    void smokeIsPushedToTheDistrictsConsolesAndAnsweredByTheCentre() throws SQLException {
        List<String> officerStream = stream(officer);
        List<String> otherDistrict = stream(officerB);
        app.alertEngine().onReading(new SensorReading(centreA1, 5, "z2m-smoke", "smoke", 1, Instant.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> officerStream.contains("event: alert.raised"));
        String data = officerStream.get(officerStream.indexOf("event: alert.raised") + 1);
        assertThat(data).startsWith("data: {").contains("\"kind\":\"smoke\"", "\"severity\":\"critical\"");
        assertThat(otherDistrict).doesNotContain("event: alert.raised");

        var list = http.get("/api/v1/alerts?kind=smoke", officer).json();
        assertThat(list.get("total").asInt()).isEqualTo(1);
        long id = list.get("items").get(0).get("id").asLong();
        assertThat(list.get("items").get(0).get("localisedTitle").asText()).isEqualTo("Smoke detected");
        assertThat(http.get("/api/v1/alerts?kind=smoke", officerB).json().get("total").asInt()).isZero();
        assertThat(http.get("/api/v1/alerts/" + id, officerB).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/alerts/" + id, facilityB).status()).isEqualTo(404);

        assertThat(http.post("/api/v1/alerts/" + id + "/ack", facility, "{}").status()).isEqualTo(403);
        assertThat(http.post("/api/v1/alerts/" + id + "/ack", auditor, "{}").status()).isEqualTo(403);
        var ack = http.post("/api/v1/alerts/" + id + "/ack", officer, "{\"note\":\"calling the centre\"}");
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.json().get("state").asText()).isEqualTo("acknowledged");
        assertThat(http.post("/api/v1/alerts/" + id + "/resolve", officer, "").json().get("error").asText()).isEqualTo("conflict");

        String photo = Base64.getEncoder().encodeToString(JPEG);
        var answer = http.post("/api/v1/alerts/" + id + "/answer", facility,
                "{\"text\":\"Toast burnt; kitchen aired\",\"photo\":\"" + photo + "\"}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(http.post("/api/v1/alerts/" + id + "/comment", facility, "{\"text\":\"photo attached\"}").status()).isEqualTo(200);
        assertThat(http.post("/api/v1/alerts/" + id + "/resolve", officer, "{}").json().get("state").asText()).isEqualTo("resolved");
        assertThat(http.post("/api/v1/alerts/" + id + "/close", facility, "{}").json().get("state").asText()).isEqualTo("closed");

        var detail = http.get("/api/v1/alerts/" + id, auditor).json();
        assertThat(detail.get("events").findValuesAsText("action"))
                .containsExactly("raise", "acknowledge", "answer", "comment", "resolve", "close");
        long attachment = detail.get("events").get(2).get("detail").get("attachmentId").asLong();
        var img = http.get("/api/v1/alerts/" + id + "/attachments/" + attachment, auditor);
        assertThat(img.status()).isEqualTo(200);
        assertThat(img.headers().firstValue("Content-Type")).contains("image/jpeg");
        await().atMost(Duration.ofSeconds(5)).until(() -> officerStream.contains("event: alert.closed"));
        assertThat(http.post("/api/v1/alerts/" + id + "/teleport", officer, "{}").status()).isEqualTo(404);
    }

    @Test
    void suspectedAbuseIsAFindingTheCentreCannotClose() {
        var r = http.post("/api/v1/alerts", officer, "{\"centreId\":" + centreA1 + ",\"kind\":\"suspected-abuse\",\"text\":\"seen on camera 3\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("severity").asText()).isEqualTo("critical");
        long id = r.json().get("id").asLong();
        assertThat(http.post("/api/v1/alerts", facility, "{\"centreId\":" + centreA1 + ",\"kind\":\"x\"}").status()).isEqualTo(403);
        assertThat(http.post("/api/v1/alerts", officer, "{\"centreId\":" + centreB1 + ",\"kind\":\"patrol-finding\"}").status())
                .isEqualTo(404);
        http.post("/api/v1/alerts/" + id + "/answer", facility, "{\"text\":\"carer suspended\"}");
        http.post("/api/v1/alerts/" + id + "/resolve", officer, "{}");
        var refused = http.post("/api/v1/alerts/" + id + "/close", facility, "{}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asText()).contains("suspected-abuse");
    }

    @Test
    void badFiltersAreNamedAndExportAndCountsWork() {
        var bad = http.get("/api/v1/alerts?severity=huge", officer);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("severity");
        assertThat(http.get("/api/v1/alerts?limit=abc", officer).json().get("field").asText()).isEqualTo("limit");
        assertThat(http.get("/api/v1/alerts?limit=5000", officer).json().get("field").asText()).isEqualTo("limit");
        assertThat(http.get("/api/v1/alerts?from=yesterday", officer).json().get("field").asText()).isEqualTo("from");

        http.post("/api/v1/alerts", officer, "{\"centreId\":" + centreA1 + ",\"kind\":\"patrol-finding\",\"text\":\"fire exit blocked\"}");
        var csv = http.get("/api/v1/alerts/export.csv?source=patrol", auditor);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.body()).startsWith("id,centre_id,source,").contains(",patrol,");
        assertThat(http.get("/api/v1/alerts/export.csv", officerB).body().split("\r\n")).hasSize(1);
        var counts = http.get("/api/v1/alerts/counts", auditor);
        assertThat(counts.status()).isEqualTo(200);
        assertThat(counts.json().get("items").findValuesAsText("week")).isNotEmpty();
        assertThat(http.get("/api/v1/openapi.yaml", null).body()).contains("/alerts/{id}/{action}:", "/alerts/stream:", "/alerts/export.csv:");
    }
}
