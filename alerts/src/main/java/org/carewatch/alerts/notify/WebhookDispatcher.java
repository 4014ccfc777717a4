package org.carewatch.alerts.notify;

import java.io.IOException;
import java.net.URI;
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
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.carewatch.core.config.AlertsConfig;
import org.carewatch.core.outbound.OutboundFailure;
import org.carewatch.core.outbound.OutboundHttp;
import org.carewatch.core.outbound.OutboundPolicy;
import org.carewatch.core.outbound.OutboundTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notices to the configured webhooks as signed JSON POSTs, each delivery on its own virtual
 * thread with doubling backoff between attempts; after the last failed attempt the notice is recorded in
 * {@code webhook_dead_letters}. A 2xx answer is success; anything else (or no answer) is retried.
 * Every connection goes through the outbound policy ({@code outbound.webhooks}): the URL's host is resolved
 * and each address checked on every connection, and the connection is made to a checked address; redirects
 * are not followed. Failures are recorded in general terms (refused by policy, unreachable, timeout, the HTTP
 * status), never with what the other side sent.
 */
public final class WebhookDispatcher implements AlertPublisher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookRepository repo;
    private final AlertsConfig.Webhooks cfg;
    private final OutboundPolicy policy;
    private final CloseableHttpClient http;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private volatile List<Webhook> targets = List.of();

    public WebhookDispatcher(WebhookRepository repo, AlertsConfig.Webhooks cfg, OutboundPolicy policy) {
        this.repo = repo;
        this.cfg = cfg;
        this.policy = policy;
        this.http = OutboundHttp.client(policy, OutboundTarget.WEBHOOK, cfg.timeout(), cfg.timeout());
    }

    /**
     * For a new or changed webhook URL: {@link org.carewatch.core.errors.InvalidInputException} naming {@code url}
     * when the outbound policy refuses its host (checked again on every delivery).
     */
    public void checkUrl(String url) {
        policy.checkRegistration(OutboundTarget.WEBHOOK, URI.create(url).getHost(), "url");
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
    private HttpPost request(Webhook w, String event, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpPost post = new HttpPost(URI.create(w.url()));
        post.setHeader("X-CareWatch-Event", event);
        post.setHeader(WebhookSignature.HEADER, WebhookSignature.sign(w.secret(), bytes));
        post.setEntity(new ByteArrayEntity(bytes, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        return post;
    }

    /** Sends one request; the HTTP status, the answer's body discarded unread beyond what the connection needs. */
    private int send(HttpPost post) throws IOException {
        return http.execute(post, response -> {
            EntityUtils.consumeQuietly(response.getEntity());
            return response.getCode();
        });
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
            int status = send(request(w, "webhook.test", body));
            return new TestResult(status / 100 == 2, status, null, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // In general terms only: what answered (or a banner of it) is never echoed.
            return new TestResult(false, null, OutboundFailure.of(e).code(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void deliver(Webhook w, AlertNotice n, String body) {
        HttpPost req;
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
                int status = send(req);
                if (status / 100 == 2) {
                    return;
                }
                lastError = "HTTP " + status;
            } catch (IOException | RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    lastError = "interrupted (shutting down)";
                    break;
                }
                lastError = OutboundFailure.of(e).text();
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
        try {
            http.close();
        } catch (IOException e) {
            log.debug("webhook client close: {}", e.getMessage());
        }
    }
}
