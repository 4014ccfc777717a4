package org.carewatch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API over real sockets against a real PostgreSQL and MQTT broker. */
class ApiIT {
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static long districtA;
    static long centreA1;
    static long centreB1;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = TestApp.start(db, dataDir);
        http = new Http(app.httpPort());
        seed();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        db.close();
    }

    static void seed() throws SQLException {
        var data = new TestData(app.store().dataSource());
        districtA = data.district("A");
        long districtB = data.district("B");
        centreA1 = data.centre(districtA, "A1");
        centreB1 = data.centre(districtB, "B1");
        data.user("admin-a", "admin-pass", Role.ADMIN, districtA);
        data.user("officer-a", "officer-pass", Role.OFFICER, districtA);
        data.user("facility-a1", "facility-pass", Role.FACILITY, centreA1);
        data.user("victim", "victim-pass", Role.OFFICER, districtA);
    }

    @Test
    void healthReadinessAndMetrics() {
        assertThat(http.get("/healthz", null).status()).isEqualTo(200);
        var ready = http.get("/readyz", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().at("/checks/store").asText()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/readyz", null).json().at("/checks/broker").asText().equals("ok"));
        http.get("/api/v1/openapi.yaml", null);
        String metrics = http.get("/metrics", null).body();
        assertThat(metrics).contains("jvm_memory_used_bytes", "hikaricp_connections", "http_server_requests_seconds_count");
    }

    @Test
    void openApiDescribesTheRoutes() {
        var r = http.get("/api/v1/openapi.yaml", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("/tokens:", "/centres:", "/centres/{id}:");
    }

    @Test
    void signInGivesATokenAndWrongPasswordsAreRefused() {
        assertThat(http.token("admin-a", "admin-pass")).hasSizeGreaterThan(30);
        var wrong = http.post("/api/v1/tokens", null, "{\"username\":\"admin-a\",\"password\":\"nope\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_credentials");
        var unknown = http.post("/api/v1/tokens", null, "{\"username\":\"nobody\",\"password\":\"nope\"}");
        assertThat(unknown.status()).isEqualTo(401);
        var missing = http.post("/api/v1/tokens", null, "{\"username\":\"admin-a\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("password");
    }

    @Test
    void repeatedFailuresAreThrottledWithTheTimeToWait() {
        for (int i = 0; i < 5; i++) {
            http.post("/api/v1/tokens", null, "{\"username\":\"victim\",\"password\":\"guess" + i + "\"}");
        }
        // The first delay after security.maxFailedLogins failures (1 s) is still running.
        var throttled = http.post("/api/v1/tokens", null, "{\"username\":\"victim\",\"password\":\"victim-pass\"}");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("error").asText()).isEqualTo("throttled");
        assertThat(throttled.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void signOutRevokesTheToken() {
        String t = http.token("officer-a", "officer-pass");
        assertThat(http.get("/api/v1/centres", t).status()).isEqualTo(200);
        assertThat(http.delete("/api/v1/tokens/current", t).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/centres", t).status()).isEqualTo(401);
    }

    @Test
    void everyApiRouteNeedsAValidToken() {
        for (String path : new String[] {"/api/v1/centres", "/api/v1/centres/" + centreA1, "/api/v1/anything"}) {
            var r = http.get(path, null);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.json().get("error").asText()).isEqualTo("unauthenticated");
            assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
        }
        assertThat(http.get("/api/v1/centres", "forged-token").status()).isEqualTo(401);
    }

    @Test
    void scopeDecidesWhichCentresAreVisible() {
        String officer = http.token("officer-a", "officer-pass");
        var list = http.get("/api/v1/centres", officer).json();
        assertThat(list.get("items").findValuesAsText("code")).contains("A1").doesNotContain("B1");
        assertThat(http.get("/api/v1/centres/" + centreB1, officer).status()).isEqualTo(404);
        String facility = http.token("facility-a1", "facility-pass");
        assertThat(http.get("/api/v1/centres", facility).json().get("count").asInt()).isEqualTo(1);
        assertThat(http.get("/api/v1/centres/" + centreA1, facility).json().get("code").asText()).isEqualTo("A1");
    }

    @Test
    void onlyAdministratorsChangeCentres() {
        String officer = http.token("officer-a", "officer-pass");
        String facility = http.token("facility-a1", "facility-pass");
        String body = "{\"code\":\"R1\",\"name\":\"Role test\"}";
        assertThat(http.post("/api/v1/centres", officer, body).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/centres", facility, body).status()).isEqualTo(403);
        assertThat(http.patch("/api/v1/centres/" + centreA1, facility, "{\"name\":\"x\",\"version\":0}").json().get("error").asText())
                .isEqualTo("forbidden");
    }

    @Test
    void administratorCreatesReadsAndUpdatesWithVersions() {
        String admin = http.token("admin-a", "admin-pass");
        var created = http.post("/api/v1/centres", admin, """
                {"code":"NEW1","name":"新建托育中心","kind":"community","capacity":15,"openDays":[1,2,3,4,5,6],
                 "opensAt":"08:00","closesAt":"17:00","napStartsAt":"12:00","napEndsAt":"14:00"}""");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/centres/" + id);
        assertThat(created.json().get("opensAt").asText()).isEqualTo("08:00");
        assertThat(created.json().get("districtId").asLong()).isEqualTo(districtA);

        var read = http.get("/api/v1/centres/" + id, admin).json();
        assertThat(read.get("name").asText()).isEqualTo("新建托育中心");

        var updated = http.patch("/api/v1/centres/" + id, admin, "{\"capacity\":20,\"version\":0}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("version").asInt()).isEqualTo(1);
        var stale = http.patch("/api/v1/centres/" + id, admin, "{\"capacity\":25,\"version\":0}");
        assertThat(stale.status()).isEqualTo(409);
        var dup = http.post("/api/v1/centres", admin, "{\"code\":\"NEW1\",\"name\":\"dup\"}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(http.post("/api/v1/centres", admin, "{\"code\":\"X9\",\"name\":\"x\",\"districtId\":" + (districtA + 1) + "}").status())
                .isEqualTo(403);
    }

    @Test
    void badInputGetsAClearErrorNamingTheField() {
        String admin = http.token("admin-a", "admin-pass");
        var cases = new String[][] {
                {"{\"code\":\"B1x\",\"name\":\"x\",\"capacity\":\"lots\"}", "capacity"},
                {"{\"code\":\"B2x\",\"name\":\"x\",\"colour\":\"red\"}", "colour"},
                {"{\"code\":\"B3x\",\"name\":\"x\",\"kind\":\"castle\"}", "kind"},
                {"{\"code\":\"B4x\",\"name\":\"x\",\"opensAt\":\"25:99\"}", "opensAt"},
                {"{\"code\":\"B5x\",\"name\":\"x\",\"opensAt\":\"18:00\",\"closesAt\":\"08:00\"}", "closesAt"},
                {"{\"code\":\"B6x\",\"name\":\"\"}", "name"},
                {"{\"code\":\"has space\",\"name\":\"x\"}", "code"},
                {"{\"code\":\"B7x\",\"name\":\"x\",\"openDays\":[0,8]}", "openDays"},
        };
        for (String[] c : cases) {
            var r = http.post("/api/v1/centres", admin, c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.json().get("field").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(r.body()).doesNotContain("Exception", "at org.");
        }
        var malformed = http.post("/api/v1/centres", admin, "{\"code\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asText()).isEqualTo("invalid_json");
        assertThat(http.post("/api/v1/centres", admin, "[1,2]").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/centres", admin, "").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/centres/abc", admin).json().get("field").asText()).isEqualTo("id");
        assertThat(http.get("/api/v1/centres/99999999", admin).status()).isEqualTo(404);
        var noVersion = http.patch("/api/v1/centres/" + centreA1, admin, "{\"name\":\"x\"}");
        assertThat(noVersion.json().get("field").asText()).isEqualTo("version");
        var huge = http.post("/api/v1/centres", admin, "{\"name\":\"" + "x".repeat(2_000_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
    }

    @Test
    void unknownRoutesAnswerJson() {
        var r = http.get("/no/such/page", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void messagesAreChineseByDefault() throws Exception {
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/centres")).GET();
        var r = java.net.http.HttpClient.newHttpClient().send(req.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("请先登录");
    }
}
