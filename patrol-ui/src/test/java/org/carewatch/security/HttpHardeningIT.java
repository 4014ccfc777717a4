package org.carewatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.testing.TestBroker;
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
 * Issue 12 item 9 against a running node: security headers on every answer, request metrics tagged by
 * route pattern only, {@code /metrics} on a management port behind a token, the 2 MiB photo limit
 * reachable (and a larger photo refused naming {@code photo}), camera errors with messages, and no ERROR or
 * stack trace in the log from any of it.
 */
class HttpHardeningIT {
    static final String TOKEN = "scrape-token-0123456789abcdef";
    static final int MIB = 1024 * 1024;

    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static Http metrics;
    static ErrorLog log;
    static long centreA1;
    static String admin;
    static String officer;
    static String facility;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        CareWatchConfig cfg = TestApp.config(db, dataDir, TestBroker.url());
        cfg = cfg.withMetrics(cfg.metrics().withPort(freePort()).withToken(TOKEN));
        app = CareWatchApp.start(cfg, false);
        http = new Http(app.httpPort());
        metrics = new Http(app.metricsPort());
        var data = new TestData(app.store().dataSource());
        long district = data.district("A");
        centreA1 = data.centre(district, "A1");
        data.user("admin-a", "admin-pass", Role.ADMIN, district);
        data.user("officer-a", "officer-pass", Role.OFFICER, district);
        data.user("facility-a1", "facility-pass", Role.FACILITY, centreA1);
        admin = http.token("admin-a", "admin-pass");
        officer = http.token("officer-a", "officer-pass");
        facility = http.token("facility-a1", "facility-pass");
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

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void hasSecurityHeaders(Http.Response r) {
        var h = r.headers();
        String csp = h.firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(h.firstValue("X-Frame-Options")).contains("DENY");
        assertThat(h.firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(h.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(h.firstValue("Strict-Transport-Security")).as("HSTS only over TLS").isEmpty();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        var ok = http.get("/api/v1/centres", admin);
        assertThat(ok.status()).isEqualTo(200);
        hasSecurityHeaders(ok);
        var unauthenticated = http.get("/api/v1/centres", null);
        assertThat(unauthenticated.status()).isEqualTo(401);
        hasSecurityHeaders(unauthenticated);
        var badRequest = http.get("/api/v1/alerts?limit=0", officer);
        assertThat(badRequest.status()).isEqualTo(400);
        hasSecurityHeaders(badRequest);
        var notFound = http.get("/no/such/page", null);
        assertThat(notFound.status()).isEqualTo(404);
        hasSecurityHeaders(notFound);
        hasSecurityHeaders(http.get("/", null));
        hasSecurityHeaders(http.get("/api/v1/openapi.yaml", null));
        hasSecurityHeaders(metrics.get("/metrics", TOKEN));
    }

    @Test
    void metricsAreOnTheManagementPortBehindTheToken() {
        assertThat(http.get("/metrics", null).status()).as("not on the main port").isEqualTo(404);
        assertThat(http.get("/metrics", TOKEN).status()).isEqualTo(404);
        var none = metrics.get("/metrics", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("message").asText()).doesNotContain("error.");
        assertThat(metrics.get("/metrics", "wrong-token-0123456789abcd").status()).isEqualTo(401);
        var ok = metrics.get("/metrics", TOKEN);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds_count");
    }

    @Test
    void requestSeriesAreNamedByRoutePatternNeverByPath() {
        for (String spelling : new String[] {"" + centreA1, "+" + centreA1, "000" + centreA1, "%2B000" + centreA1}) {
            assertThat(http.get("/api/v1/centres/" + spelling, admin).status()).as(spelling).isIn(200, 400);
        }
        for (int i = 0; i < 5; i++) {
            http.get("/probe-" + i + "/" + System.nanoTime(), null);
            http.get("/api/v1/centres/" + centreA1 + "/nothing-" + i, admin);
        }
        String text = metrics.get("/metrics", TOKEN).body();
        Matcher m = Pattern.compile("http_server_requests_seconds_count\\{[^}]*route=\"([^\"]*)\"").matcher(text);
        var routes = new java.util.TreeSet<String>();
        while (m.find()) {
            routes.add(m.group(1));
        }
        assertThat(routes).contains("/api/v1/centres/:id", "unmatched", "/api/v1/tokens");
        assertThat(routes).allSatisfy(r -> assertThat(r).doesNotContain("+", "probe", "nothing", "000" + centreA1)
                .doesNotMatch(".*/\\d+(/.*)?"));
    }

    @Test
    void aTwoMebibytePhotoIsAcceptedAndALargerOneRefusedNamingPhoto() {
        var finding = http.post("/api/v1/alerts", officer, "{\"centreId\":" + centreA1 + ",\"kind\":\"patrol-finding\",\"text\":\"exit blocked\"}");
        assertThat(finding.status()).as(finding.body()).isEqualTo(201);
        long id = finding.json().get("id").asLong();

        var answer = http.post("/api/v1/alerts/" + id + "/answer", facility,
                "{\"text\":\"cleared\",\"photo\":\"" + jpegBase64(2 * MIB) + "\",\"photoContentType\":\"image/jpeg\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);

        var slightlyLarger = http.post("/api/v1/alerts/" + id + "/answer", facility,
                "{\"text\":\"cleared\",\"photo\":\"" + jpegBase64(2 * MIB + 1) + "\"}");
        assertThat(slightlyLarger.status()).as(slightlyLarger.body()).isEqualTo(400);
        assertThat(slightlyLarger.json().get("field").asText()).isEqualTo("photo");

        // Beyond what three photos may take: refused before the body is read.
        var muchLarger = http.post("/api/v1/alerts/" + id + "/answer", facility,
                "{\"text\":\"cleared\",\"photo\":\"" + jpegBase64(7 * MIB) + "\"}");
        assertThat(muchLarger.status()).as(muchLarger.body()).isEqualTo(413);
        assertThat(muchLarger.json().get("field").asText()).isEqualTo("photo");
        assertThat(muchLarger.json().get("message").asText()).contains("2048 KiB").doesNotContain("error.");

        // Other routes keep the ordinary limit.
        var bigCentre = http.patch("/api/v1/centres/" + centreA1, admin, "{\"name\":\"" + "x".repeat(2 * MIB) + "\",\"version\":0}");
        assertThat(bigCentre.status()).isEqualTo(413);
    }

    @Test
    void aCameraThatCannotBeReachedGetsAMessageNotAKeyAndNoStackTrace() throws Exception {
        int closed = freePort();
        var cam = http.post("/api/v1/centres/" + centreA1 + "/cameras", admin,
                "{\"name\":\"Gate\",\"profileId\":\"generic-rtsp\",\"host\":\"127.0.0.1\",\"port\":" + closed + ",\"path\":\"/cam/1\",\"held\":false}");
        assertThat(cam.status()).as(cam.body()).isEqualTo(201);
        long id = cam.json().get("id").asLong();
        for (String lang : new String[] {"en", "zh-CN"}) {
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/cameras/" + id
                    + "/snapshot.jpg?purpose=check")).header("Accept-Language", lang).GET(), admin);
            assertThat(r.status()).as(r.body()).isIn(503, 504);
            assertThat(r.json().get("error").asText()).startsWith("camera_");
            assertThat(r.json().get("message").asText()).doesNotContain("error.camera");
            hasSecurityHeaders(r);
        }
    }

    /** A real JPEG (a small picture) padded with trailing bytes to exactly {@code size}: readers stop at its end marker. */
    static String jpegBase64(int size) {
        var img = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "jpg", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] b = Arrays.copyOf(out.toByteArray(), size);
        return Base64.getEncoder().encodeToString(b);
    }
}
