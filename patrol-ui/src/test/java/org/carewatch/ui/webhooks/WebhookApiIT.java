package org.carewatch.ui.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carewatch.alerts.engine.SensorReading;
import org.carewatch.alerts.notify.WebhookSignature;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/webhooks} on a whole node, delivering to a receiver on loopback that checks the HMAC
 * signature as a real receiver would. Every answer is kept and checked for the secret.
 */
class WebhookApiIT {
    static final String SECRET = "s3cret-for-webhook-api-it-0123";
    static final String NEW_SECRET = "another-secret-rotated-9876543";
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static HttpServer receiver;
    static String base;
    static volatile String expectedSecret = SECRET;
    /** Deliveries whose signature verified with {@link #expectedSecret}: (event header, body). */
    static final List<Map.Entry<String, JsonNode>> verified = new CopyOnWriteArrayList<>();
    static final List<String> badSignatures = new CopyOnWriteArrayList<>();
    static final List<String> answers = new CopyOnWriteArrayList<>();
    static long districtA;
    static long centreA1;
    static String admin;
    static String adminB;
    static String officer;
    static String auditor;
    static String facility;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String sig = ex.getRequestHeaders().getFirst(WebhookSignature.HEADER);
            if (WebhookSignature.verify(expectedSecret, body, sig)) {
                verified.add(Map.entry(ex.getRequestHeaders().getFirst("X-CareWatch-Event"), JSON.readTree(body)));
                ex.sendResponseHeaders(204, -1);
            } else {
                badSignatures.add(sig);
                ex.sendResponseHeaders(401, -1);
            }
            ex.close();
        });
        receiver.createContext("/broken", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        receiver.start();
        base = "http://127.0.0.1:" + receiver.getAddress().getPort();

        db = TestDatabase.create();
        // Quick retries so the dead-letter path runs in the test's time.
        CareWatchConfig cfg = ConfigLoader.load(null, Map.of("CAREWATCH_ALERTS_WEBHOOKS_INITIAL_BACKOFF", "PT0.05S",
                "CAREWATCH_ALERTS_WEBHOOKS_MAX_ATTEMPTS", "2")).withDataDir(dataDir);
        cfg = cfg.withStore(cfg.store().external(db.jdbcUrl(), db.user(), db.password()));
        cfg = cfg.withMqtt(cfg.mqtt().external(TestBroker.url()).withAllowAnonymousBroker(true));
        // The receiver listens on loopback, which production refuses (see the security tests).
        cfg = cfg.withOutbound(cfg.outbound().withWebhooks(cfg.outbound().webhooks().withAllowLoopback(true)));
        app = CareWatchApp.start(cfg.withHttp(cfg.http().withPort(0)), false);
        http = new Http(app.httpPort());
        var data = new TestData(app.store().dataSource());
        districtA = data.district("A");
        long b = data.district("B");
        centreA1 = data.centre(districtA, "A1");
        data.user("admin-a", "pw-admin", Role.ADMIN, districtA);
        data.user("admin-b", "pw-admin", Role.ADMIN, b);
        data.user("officer-a", "pw-officer", Role.OFFICER, districtA);
        data.user("auditor-a", "pw-auditor", Role.AUDITOR, districtA);
        data.user("facility-a1", "pw-facility", Role.FACILITY, centreA1);
        admin = http.token("admin-a", "pw-admin");
        adminB = http.token("admin-b", "pw-admin");
        officer = http.token("officer-a", "pw-officer");
        auditor = http.token("auditor-a", "pw-auditor");
        facility = http.token("facility-a1", "pw-facility");
    }

    @AfterAll
    static void stop() {
        try {
            // Whatever was asked, the secrets never came back.
            assertThat(answers).isNotEmpty().noneMatch(b -> b.contains(SECRET) || b.contains(NEW_SECRET));
        } finally {
            if (app != null) {
                app.close();
            }
            db.close();
            receiver.stop(0);
        }
    }

    static Http.Response kept(Http.Response r) {
        answers.add(r.body() + " " + r.headers().map());
        return r;
    }

    static Http.Response get(String path, String token) {
        return kept(http.get(path, token));
    }

    static Http.Response post(String path, String token, String body) {
        return kept(http.post(path, token, body));
    }

    static Http.Response patch(String path, String token, String body) {
        return kept(http.patch(path, token, body));
    }

    static Http.Response delete(String path, String token) {
        return kept(http.delete(path, token));
    }

    static void assertError(Http.Response r, int status, String code, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(r.json().get("field").asText()).isEqualTo(field);
        }
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    static long create(String path, String secret) {
        var r = post("/api/v1/webhooks", admin, "{\"url\":\"" + base + path + "\",\"secret\":\"" + secret + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void aWebhookCreatedOverTheApiReceivesSignedDeliveries() throws Exception {
        var created = post("/api/v1/webhooks", admin, "{\"url\":\"" + base + "/hook\",\"secret\":\"" + SECRET + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/webhooks/" + id);
        assertThat(created.json().get("districtId").asLong()).isEqualTo(districtA);
        assertThat(created.json().get("active").asBoolean()).isTrue();
        assertThat(created.json().has("secret")).isFalse();
        assertThat(created.json().get("secretFingerprint").asText()).isEqualTo(WebhookSignature.fingerprint(SECRET));

        // A real alert goes out signed with the secret given over the API.
        app.alertEngine().onReading(new SensorReading(centreA1, 7001, "z2m-smoke", "smoke", 1, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> verified.stream().anyMatch(e -> "alert.raised".equals(e.getKey())));
        JsonNode raised = verified.stream().filter(e -> "alert.raised".equals(e.getKey())).findFirst().orElseThrow().getValue();
        assertThat(raised.at("/alert/centreId").asLong()).isEqualTo(centreA1);
        assertThat(raised.at("/alert/kind").asText()).isEqualTo("smoke");

        var test = post("/api/v1/webhooks/" + id + "/test", admin, "");
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.json().get("delivered").asBoolean()).isTrue();
        assertThat(test.json().get("status").asInt()).isEqualTo(204);
        assertThat(verified).anySatisfy(e -> {
            assertThat(e.getKey()).isEqualTo("webhook.test");
            assertThat(e.getValue().get("webhookId").asLong()).isEqualTo(id);
        });

        // Rotate the secret: the receiver only accepts the new one from now on.
        var rotated = patch("/api/v1/webhooks/" + id, admin, "{\"secret\":\"" + NEW_SECRET + "\"}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().get("secretFingerprint").asText()).isEqualTo(WebhookSignature.fingerprint(NEW_SECRET));
        expectedSecret = NEW_SECRET;
        var test2 = post("/api/v1/webhooks/" + id + "/test", admin, "");
        assertThat(test2.json().get("status").asInt()).as(test2.body()).isEqualTo(204);
        assertThat(badSignatures).isEmpty();

        assertThat(get("/api/v1/webhooks", admin).json().get("items")).anySatisfy(w -> assertThat(w.get("id").asLong()).isEqualTo(id));
        assertThat(get("/api/v1/webhooks/" + id, admin).json().get("url").asText()).isEqualTo(base + "/hook");
        var paused = patch("/api/v1/webhooks/" + id, admin, "{\"active\":false}");
        assertThat(paused.json().get("active").asBoolean()).isFalse();
        assertThat(paused.json().get("secretFingerprint").asText()).isEqualTo(WebhookSignature.fingerprint(NEW_SECRET));

        // At rest: sealed, and the change record carries only the fingerprint.
        try (var c = app.store().connection(); var st = c.createStatement()) {
            var rs = st.executeQuery("SELECT secret IS NULL, position(convert_to('" + NEW_SECRET + "', 'UTF8') in secret_enc) FROM webhooks WHERE id = " + id);
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getInt(2)).isZero();
            rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE coalesce(before::text, '') || coalesce(after::text, '') LIKE '%"
                    + "secret-%') FROM alert_config_changes WHERE object = '" + id + "'");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
            assertThat(rs.getInt(2)).isZero();
        }

        assertThat(delete("/api/v1/webhooks/" + id, admin).status()).isEqualTo(204);
        assertError(get("/api/v1/webhooks/" + id, admin), 404, "not_found", null);
        assertError(delete("/api/v1/webhooks/" + id, admin), 404, "not_found", null);
    }

    @Test
    void failedDeliveriesAreListedAsDeadLettersPageByPage() {
        long id = create("/broken", SECRET);
        app.alertEngine().onReading(new SensorReading(centreA1, 7101, "z2m-smoke", "smoke", 1, Instant.now()));
        app.alertEngine().onReading(new SensorReading(centreA1, 7102, "z2m-smoke", "smoke", 1, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/v1/webhooks/" + id + "/dead-letters", admin).json().get("total").asInt() == 2);
        var page = get("/api/v1/webhooks/" + id + "/dead-letters?limit=1", admin);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("items")).singleElement().satisfies(d -> {
            assertThat(d.get("attempts").asInt()).isEqualTo(2);
            assertThat(d.get("lastError").asText()).isEqualTo("HTTP 500");
            assertThat(d.get("event").asText()).isEqualTo("alert.raised");
            assertThat(d.at("/payload/alert/kind").asText()).isEqualTo("smoke");
        });
        long first = page.json().at("/items/0/id").asLong();
        var second = get("/api/v1/webhooks/" + id + "/dead-letters?limit=1&offset=1", admin);
        assertThat(second.json().at("/items/0/id").asLong()).isLessThan(first);
        assertThat(get("/api/v1/webhooks/" + id + "/dead-letters?limit=1&offset=2", admin).json().get("items")).isEmpty();
        assertError(get("/api/v1/webhooks/" + id + "/dead-letters?limit=0", admin), 400, "invalid_field", "limit");
        assertError(get("/api/v1/webhooks/" + id + "/dead-letters?offset=x", admin), 400, "invalid_field", "offset");
        var test = post("/api/v1/webhooks/" + id + "/test", admin, "");
        assertThat(test.json().get("delivered").asBoolean()).isFalse();
        assertThat(test.json().get("status").asInt()).isEqualTo(500);
    }

    @Test
    void administratorsOnlyAndOnlyTheirDistrict() throws Exception {
        long id = create("/hook", SECRET);
        String body = "{\"url\":\"" + base + "/hook\",\"secret\":\"" + SECRET + "\"}";
        assertError(get("/api/v1/webhooks", null), 401, "unauthenticated", null);
        assertError(post("/api/v1/webhooks", null, body), 401, "unauthenticated", null);
        for (String t : new String[] {officer, auditor, facility}) {
            assertError(get("/api/v1/webhooks", t), 403, "forbidden", null);
            assertError(post("/api/v1/webhooks", t, body), 403, "forbidden", null);
            assertError(get("/api/v1/webhooks/" + id, t), 403, "forbidden", null);
            assertError(patch("/api/v1/webhooks/" + id, t, "{\"active\":false}"), 403, "forbidden", null);
            assertError(delete("/api/v1/webhooks/" + id, t), 403, "forbidden", null);
            assertError(get("/api/v1/webhooks/" + id + "/dead-letters", t), 403, "forbidden", null);
            assertError(post("/api/v1/webhooks/" + id + "/test", t, ""), 403, "forbidden", null);
        }
        // Another district's administrator does not see it.
        assertThat(get("/api/v1/webhooks", adminB).json().get("items")).noneSatisfy(w -> assertThat(w.get("id").asLong()).isEqualTo(id));
        assertError(get("/api/v1/webhooks/" + id, adminB), 404, "not_found", null);
        assertError(patch("/api/v1/webhooks/" + id, adminB, "{\"active\":false}"), 404, "not_found", null);
        assertError(post("/api/v1/webhooks/" + id + "/test", adminB, ""), 404, "not_found", null);
        assertError(post("/api/v1/webhooks", admin, body.replace("}", ",\"districtId\":999}")), 403, "forbidden", "districtId");
        // A webhook for every district (set up by the operator) is shown read-only.
        long all;
        try (var c = app.store().connection(); var st = c.createStatement(); var rs = st.executeQuery(
                "INSERT INTO webhooks (url, secret, active) VALUES ('" + base + "/hook', 'operator-plaintext-secret', false) RETURNING id")) {
            rs.next();
            all = rs.getLong(1);
        }
        var shown = get("/api/v1/webhooks/" + all, adminB);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("readOnly").asBoolean()).isTrue();
        assertError(patch("/api/v1/webhooks/" + all, adminB, "{\"active\":true}"), 403, "forbidden", null);
        assertError(delete("/api/v1/webhooks/" + all, admin), 403, "forbidden", null);
    }

    @Test
    void badInputIsRefusedWithTheFieldNamedAndTheSecretNotEchoed() {
        String ok = base + "/hook";
        assertError(post("/api/v1/webhooks", admin, "{\"url\":"), 400, "invalid_json", null);
        assertError(post("/api/v1/webhooks", admin, ""), 400, "invalid_json", null);
        assertError(post("/api/v1/webhooks", admin, "{\"secret\":\"" + SECRET + "\"}"), 400, "invalid_field", "url");
        assertError(post("/api/v1/webhooks", admin, "{\"url\":\"" + ok + "\"}"), 400, "invalid_field", "secret");
        for (String url : new String[] {"ftp://example.org/x", "javascript:alert(1)", "http://", "//no-scheme", "http://a b/",
                "http://user:pass@example.org/", "file:///etc/passwd", "<script>alert(1)</script>"}) {
            assertError(post("/api/v1/webhooks", admin, "{\"url\":" + quote(url) + ",\"secret\":\"" + SECRET + "\"}"), 400, "invalid_field", "url");
        }
        var shortSecret = post("/api/v1/webhooks", admin, "{\"url\":\"" + ok + "\",\"secret\":\"too-short-xyz\"}");
        assertError(shortSecret, 400, "invalid_field", "secret");
        assertThat(shortSecret.body()).doesNotContain("too-short-xyz");
        assertError(post("/api/v1/webhooks", admin, "{\"url\":\"" + ok + "\",\"secret\":\"" + SECRET + "\",\"active\":\"yes\"}"),
                400, "invalid_field", "active");
        assertError(post("/api/v1/webhooks", admin, "{\"url\":[1],\"secret\":\"" + SECRET + "\"}"), 400, "invalid_field", "url");
        assertError(post("/api/v1/webhooks", admin, "{\"url\":\"" + ok + "\",\"secret\":\"" + SECRET + "\",\"headers\":{}}"),
                400, "invalid_field", "headers");
        long id = create("/hook", SECRET);
        assertError(patch("/api/v1/webhooks/" + id, admin, "{\"url\":\"gopher://x\"}"), 400, "invalid_field", "url");
        assertError(patch("/api/v1/webhooks/" + id, admin, "{\"secret\":\"short\"}"), 400, "invalid_field", "secret");
        assertError(patch("/api/v1/webhooks/" + id, admin, "{\"districtId\":999}"), 400, "invalid_field", "districtId");
        assertError(get("/api/v1/webhooks/abc", admin), 400, "invalid_field", "id");
        assertError(get("/api/v1/webhooks/999999", admin), 404, "not_found", null);
        assertError(post("/api/v1/webhooks/999999/test", admin, ""), 404, "not_found", null);
        assertThat(get("/api/v1/webhooks/" + id, admin).json().get("url").asText()).isEqualTo(ok);
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
