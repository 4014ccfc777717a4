package org.carewatch.alerts.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.carewatch.alerts.model.JsonDetail;
import org.carewatch.core.config.AlertsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notices to the configured webhooks as signed JSON POSTs, each delivery on its own virtual
 * thread with doubling backoff between attempts; after the last failed attempt the notice is recorded in
 * {@code webhook_dead_letters}. A 2xx answer is success; anything else (or no answer) is retried.
 */
public final class WebhookDispatcher implements AlertPublisher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookRepository repo;
    private final AlertsConfig.Webhooks cfg;
    private final HttpClient http;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private volatile List<Webhook> targets = List.of();

    public WebhookDispatcher(WebhookRepository repo, AlertsConfig.Webhooks cfg) {
        this.repo = repo;
        this.cfg = cfg;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(cfg.timeout()).executor(deliveries).build();
    }

    /** Reads the active webhooks again (at start and after they change). */
    public void reload() throws SQLException {
        targets = List.copyOf(repo.active());
    }

    @Override
    public void publish(AlertNotice n) {
        for (Webhook w : targets) {
            if (w.districtId() == null || w.districtId() == n.alert().districtId()) {
                String body = body(n);
                deliveries.execute(() -> deliver(w, n, body));
            }
        }
    }

    static String body(AlertNotice n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", n.event());
        m.put("time", n.time().toString());
        m.put("alert", org.carewatch.alerts.model.AlertViews.of(n.alert()));
        m.put("extra", n.extra());
        try {
            return JsonDetail.MAPPER.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed POST of {@code body} to the webhook; IllegalArgumentException for an unusable URL. */
    private HttpRequest request(Webhook w, String event, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(w.url())).timeout(cfg.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-CareWatch-Event", event)
                .header(WebhookSignature.HEADER, WebhookSignature.sign(w.secret(), bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    }

    /** The outcome of a test delivery: the HTTP status received, or why there was none. */
    public record TestResult(boolean delivered, Integer status, String error, long millis) {
    }

    /**
     * Sends one signed {@code webhook.test} event to the webhook now, without retries or dead letter, and
     * waits for the answer (at most the configured timeout). Blocking: call it off any event loop.
     */
    public TestResult sendTest(Webhook w, java.time.Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "webhook.test");
        m.put("time", now.toString());
        m.put("webhookId", w.id());
        String body;
        try {
            body = JsonDetail.MAPPER.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<Void> r = http.send(request(w, "webhook.test", body), HttpResponse.BodyHandlers.discarding());
            return new TestResult(r.statusCode() / 100 == 2, r.statusCode(), null, (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TestResult(false, null, "interrupted", (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            return new TestResult(false, null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void deliver(Webhook w, AlertNotice n, String body) {
        HttpRequest req;
        try {
            req = request(w, n.event(), body);
        } catch (IllegalArgumentException e) {
            deadLetter(w, n, body, 0, "invalid webhook URL: " + e.getMessage());
            return;
        }
        Duration backoff = cfg.initialBackoff();
        String lastError = "";
        for (int attempt = 1; attempt <= cfg.maxAttempts(); attempt++) {
            try {
                HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                lastError = "HTTP " + r.statusCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lastError = "interrupted (shutting down)";
                break;
            } catch (Exception e) {
                lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt < cfg.maxAttempts()) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = backoff.multipliedBy(2);
            }
        }
        log.warn("webhook {} gave up on {} of alert {}: {}", w.id(), n.event(), n.alert().id(), lastError);
        deadLetter(w, n, body, cfg.maxAttempts(), lastError);
    }

    private void deadLetter(Webhook w, AlertNotice n, String body, int attempts, String error) {
        try {
            repo.deadLetter(w.id(), n.alert().id(), n.event(), body, attempts, error);
        } catch (SQLException e) {
            log.error("webhook {}: cannot record dead letter for alert {}: {}", w.id(), n.alert().id(), e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        deliveries.shutdown();
        if (!deliveries.awaitTermination(5, TimeUnit.SECONDS)) {
            deliveries.shutdownNow();
        }
    }
}
