package org.carewatch.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.carewatch.alerts.model.JsonDetail;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.alerts.testing.AlertsFixture;
import org.carewatch.profiles.sensor.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhooks against a real local HTTP server that checks the signature like a receiver would. */
class WebhookIT {
    static final String SECRET = "0123456789abcdef-webhook-secret";
    static AlertsFixture fx;
    static HttpServer server;
    static final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    static final AtomicInteger badSignatures = new AtomicInteger();
    static final AtomicInteger flakyCalls = new AtomicInteger();
    static final AtomicInteger brokenCalls = new AtomicInteger();
    static WebhookDispatcher dispatcher;
    static org.carewatch.core.security.CredentialCipher cipher;

    @BeforeAll
    static void setUp() throws Exception {
        fx = new AlertsFixture(Map.of("CAREWATCH_ALERTS_WEBHOOKS_INITIAL_BACKOFF", "PT0.05S", "CAREWATCH_ALERTS_WEBHOOKS_MAX_ATTEMPTS", "3"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (WebhookSignature.verify(SECRET, body, ex.getRequestHeaders().getFirst(WebhookSignature.HEADER))) {
                received.add(JsonDetail.read(new String(body, StandardCharsets.UTF_8)));
                ex.sendResponseHeaders(204, -1);
            } else {
                badSignatures.incrementAndGet();
                ex.sendResponseHeaders(401, -1);
            }
            ex.close();
        });
        // Fails twice, then accepts: the retry delivers.
        server.createContext("/flaky", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(flakyCalls.incrementAndGet() <= 2 ? 503 : 200, -1);
            ex.close();
        });
        server.createContext("/broken", ex -> {
            ex.getRequestBody().readAllBytes();
            brokenCalls.incrementAndGet();
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        cipher = org.carewatch.core.security.CredentialCipher.fromKeyFile(
                java.nio.file.Files.createTempDirectory("webhook-it").resolve("credential.key"));
        WebhookRepository repo = new WebhookRepository(fx.store.dataSource(), cipher);
        repo.add(fx.districtA, base + "/ok", SECRET);
        repo.add(null, base + "/flaky", SECRET);
        repo.add(fx.districtA, base + "/broken", SECRET);
        repo.add(fx.districtB, base + "/ok", SECRET);
        dispatcher = new WebhookDispatcher(repo, fx.cfg.webhooks(), fx.outbound);
        dispatcher.reload();
        fx.notifier.add(dispatcher);
    }

    @AfterAll
    static void tearDown() throws Exception {
        dispatcher.close();
        server.stop(0);
        fx.close();
    }

    @Test
    void signedDeliveryRetriesAndDeadLetters() throws SQLException {
        var a = fx.service.raise(new Trigger(fx.centreA1, AlertSource.SENSOR, "77", "smoke", "smoke", Severity.CRITICAL,
                "Smoke detected", Map.of("value", 1.0), fx.clock.instant())).alert();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(received).hasSize(1);
            assertThat(flakyCalls).hasValue(3);
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> alert = (Map<String, Object>) received.get(0).get("alert");
        assertThat(received.get(0)).containsEntry("event", "alert.raised");
        assertThat(alert).containsEntry("kind", "smoke").containsEntry("severity", "critical");
        assertThat(badSignatures).hasValue(0);

        await().atMost(Duration.ofSeconds(10)).until(() -> !new WebhookRepository(fx.store.dataSource(), cipher).deadLetters().isEmpty());
        var dead = new WebhookRepository(fx.store.dataSource(), cipher).deadLetters();
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.alertId()).isEqualTo(a.id());
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.lastError()).isEqualTo("HTTP 500");
        });
        assertThat(brokenCalls).hasValue(3);
    }

    @Test
    void secretsAreStoredSealedAndOlderPlaintextRowsAreSealed() throws Exception {
        var repo = new WebhookRepository(fx.store.dataSource(), cipher);
        long legacy;
        try (var c = fx.store.connection(); var st = c.createStatement()) {
            var rs = st.executeQuery("SELECT count(*) FROM webhooks WHERE secret IS NOT NULL OR secret_enc IS NULL "
                    + "OR position(convert_to('" + SECRET + "', 'UTF8') in secret_enc) > 0");
            rs.next();
            assertThat(rs.getLong(1)).as("rows with a readable secret").isZero();
            // A row as written before secrets were encrypted (inactive, so the running dispatcher ignores it).
            rs = st.executeQuery("INSERT INTO webhooks (url, secret, active) VALUES ('http://127.0.0.1:9/legacy', 'legacy-plaintext-secret', false) "
                    + "RETURNING id");
            rs.next();
            legacy = rs.getLong(1);
        }
        assertThat(repo.sealPlaintextSecrets()).isEqualTo(1);
        assertThat(repo.sealPlaintextSecrets()).isZero();
        assertThat(repo.target(legacy).orElseThrow().secret()).isEqualTo("legacy-plaintext-secret");
        assertThat(repo.find(legacy).orElseThrow().secretFingerprint()).isEqualTo(WebhookSignature.fingerprint("legacy-plaintext-secret"));
        try (var c = fx.store.connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT secret IS NULL, secret_enc IS NOT NULL FROM webhooks WHERE id = " + legacy)) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getBoolean(2)).isTrue();
        }
        // Another key cannot open it: the dispatcher leaves such a target out instead of failing.
        var otherKey = org.carewatch.core.security.CredentialCipher.fromKeyFile(
                java.nio.file.Files.createTempDirectory("webhook-it-other").resolve("credential.key"));
        assertThat(new WebhookRepository(fx.store.dataSource(), otherKey).active()).isEmpty();
    }

    @Test
    void aForgedSignatureDoesNotVerify() {
        byte[] body = "{\"event\":\"alert.raised\"}".getBytes(StandardCharsets.UTF_8);
        String good = WebhookSignature.sign(SECRET, body);
        assertThat(good).startsWith("sha256=").hasSize(7 + 64);
        assertThat(WebhookSignature.verify(SECRET, body, good)).isTrue();
        assertThat(WebhookSignature.verify("another-secret-of-16+", body, good)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "{}".getBytes(StandardCharsets.UTF_8), good)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, body, null)).isFalse();
    }
}
