package org.carewatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 9 against a running node: every bad input the probe found (NUL characters in a field, a
 * query or a path, dates out of range, a 2000-digit number, fractional ids, ports out of range, limits out
 * of range, the CSV export) gets a JSON 400 naming the field, with a message (never a raw key), and the
 * node logs no ERROR and no stack trace for any of them.
 */
class BadInputIT {
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static ErrorLog log;
    static long centreA1;
    static String admin;
    static String officer;
    static String auditor;
    static long sensor;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = TestApp.start(db, dataDir);
        http = new Http(app.httpPort());
        var data = new TestData(app.store().dataSource());
        long district = data.district("A");
        centreA1 = data.centre(district, "A1");
        data.user("admin-a", "admin-pass", Role.ADMIN, district);
        data.user("officer-a", "officer-pass", Role.OFFICER, district);
        data.user("auditor-a", "auditor-pass", Role.AUDITOR, district);
        admin = http.token("admin-a", "admin-pass");
        officer = http.token("officer-a", "officer-pass");
        auditor = http.token("auditor-a", "auditor-pass");
        var s = http.post("/api/v1/centres/" + centreA1 + "/sensors", admin, "{\"name\":\"Door\",\"profileId\":\"z2m-door-contact\",\"deviceKey\":\"A1.door\"}");
        assertThat(s.status()).as(s.body()).isEqualTo(201);
        sensor = s.json().get("id").asLong();
        log = new ErrorLog();
    }

    @AfterAll
    static void stop() {
        if (log != null) {
            log.close();
        }
        if (app != null) {
            app.close();
        }
        db.close();
    }

    @BeforeEach
    void clearLog() {
        log.clear();
    }

    @AfterEach
    void noErrorWasLogged() {
        assertThat(log.problems()).as("ERROR or stack trace in the node's log").isEmpty();
    }

    /** A JSON 400 naming {@code field}, with a localised message. */
    static JsonNode badRequest(Http.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode json = r.json();
        assertThat(json.path("field").asText()).as(r.body()).isEqualTo(field);
        assertThat(json.path("message").asText()).isNotBlank().doesNotContain("error.");
        assertThat(r.body()).doesNotContain("Exception", "\tat ");
        return json;
    }

    @Test
    void nulCharactersInABodyAQueryOrAPathAreRefusedAtTheEdge() {
        badRequest(http.post("/api/v1/tokens", null, "{\"username\":\"admin\\u0000\",\"password\":\"x\"}"), "username");
        badRequest(http.patch("/api/v1/centres/" + centreA1, admin, "{\"name\":\"A\\u0000B\",\"version\":0}"), "name");
        badRequest(http.post("/api/v1/alerts", officer, "{\"centreId\":" + centreA1 + ",\"kind\":\"patrol-finding\",\"text\":\"x\\u0000\"}"), "text");
        badRequest(http.get("/api/v1/alerts?kind=smoke%00", officer), "kind");
        badRequest(http.get("/api/v1/centres?includeInactive=%00", admin), "includeInactive");
        badRequest(http.get("/api/v1/audit/access?user=a%00", auditor), "user");
        badRequest(http.get("/api/v1/centres/%00", admin), "path");
    }

    @Test
    void datesOutsideYearsOneToNineThousandNineHundredNinetyNineAreRefused() {
        badRequest(http.get("/api/v1/alerts?from=%2B99999-01-01T00:00:00Z", officer), "from");
        badRequest(http.get("/api/v1/alerts?to=-999999999-01-01T00:00:00Z", officer), "to");
        badRequest(http.get("/api/v1/sensors/" + sensor + "/readings?from=%2B99999-01-01T00:00:00Z", admin), "from");
        badRequest(http.get("/api/v1/sensors/" + sensor + "/readings?to=%2B99999-02-01T00:00:00Z", admin), "to");
        badRequest(http.get("/api/v1/audit/access?from=%2B1000000000-01-01T00:00:00Z", auditor), "from");
        badRequest(http.patch("/api/v1/centres/" + centreA1, admin, "{\"opensAt\":\"99999:00\",\"version\":0}"), "opensAt");
    }

    @Test
    void aTwoThousandDigitNumberIsRefusedWhereverANumberIsRead() {
        String huge = "9".repeat(2000);
        badRequest(http.post("/api/v1/tokens", null, "{\"username\":" + huge + ",\"password\":\"x\"}"), "username");
        badRequest(http.post("/api/v1/tokens", null, "{\"username\":\"admin-a\",\"password\":" + huge + "}"), "password");
        badRequest(http.post("/api/v1/alerts", officer, "{\"centreId\":" + huge + ",\"kind\":\"patrol-finding\"}"), "centreId");
        badRequest(http.get("/api/v1/alerts?limit=" + huge, officer), "limit");
        badRequest(http.get("/api/v1/alerts?centre=" + huge, officer), "centre");
        badRequest(http.get("/api/v1/centres/" + huge, admin), "id");
        badRequest(http.post("/api/v1/centres/" + centreA1 + "/cameras", admin,
                "{\"name\":\"c\",\"profileId\":\"hikvision\",\"host\":\"cam.example\",\"port\":" + huge + "}"), "port");
    }

    @Test
    void fractionalIdsAreNotTruncated() {
        JsonNode j = badRequest(http.post("/api/v1/alerts", officer, "{\"centreId\":" + centreA1 + ".5,\"kind\":\"patrol-finding\"}"), "centreId");
        assertThat(j.get("message").asText()).contains("whole number");
        badRequest(http.get("/api/v1/alerts?centre=1.5", officer), "centre");
        badRequest(http.patch("/api/v1/centres/" + centreA1, admin, "{\"capacity\":20.5,\"version\":0}"), "capacity");
    }

    @Test
    void cameraPortsOutsideOneTo65535AreRefused() {
        for (String port : new String[] {"99999", "0", "-1", "65536"}) {
            JsonNode j = badRequest(http.post("/api/v1/centres/" + centreA1 + "/cameras", admin,
                    "{\"name\":\"Gate\",\"profileId\":\"hikvision\",\"host\":\"cam.example\",\"port\":" + port + "}"), "port");
            assertThat(j.get("message").asText()).contains("65535");
        }
    }

    @Test
    void limitsAndOffsetsOutsideTheirRangeAreRefusedSayingTheRange() {
        for (String limit : new String[] {"0", "-5", "1001", "100000"}) {
            JsonNode j = badRequest(http.get("/api/v1/alerts?limit=" + limit, officer), "limit");
            assertThat(j.get("message").asText()).contains("1 to 1000");
        }
        badRequest(http.get("/api/v1/alerts?offset=-1", officer), "offset");
        badRequest(http.get("/api/v1/audit/access?limit=0", auditor), "limit");
        badRequest(http.get("/api/v1/audit/access?limit=5000", auditor), "limit");
        badRequest(http.get("/api/v1/cameras/1/snapshot.jpg?width=99999", admin), "width");
        assertThat(http.get("/api/v1/alerts?limit=1000&offset=0", officer).status()).isEqualTo(200);
    }

    @Test
    void theCsvExportAnswersBadInputWithAJsonErrorBeforeItsFirstByte() {
        // The connection is not reset: each of these is a complete JSON answer.
        badRequest(http.get("/api/v1/alerts/export.csv?kind=a%00", admin), "kind");
        badRequest(http.get("/api/v1/alerts/export.csv?from=%2B99999-01-01T00:00:00Z", admin), "from");
        badRequest(http.get("/api/v1/alerts/export.csv?limit=0", admin), "limit");
        badRequest(http.get("/api/v1/alerts/export.csv?state=bogus", admin), "state");
        var ok = http.get("/api/v1/alerts/export.csv", admin);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    }

    @Test
    void aQueryStringThatDoesNotDecodeIsNeverAServerError() throws Exception {
        // Sent over a raw socket: java.net.URI refuses to build such a request.
        try (var socket = new java.net.Socket("127.0.0.1", app.httpPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET /api/v1/alerts?kind=%zz&state=%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + officer
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json").doesNotContain("Exception");
        }
    }
}
