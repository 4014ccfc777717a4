package org.carewatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.TokenRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 7: the alert event stream (server-sent events) ends when the token it was opened with is
 * revoked (signing out ends it at once) or stops being valid in the store (revoked elsewhere, expired: found
 * by the periodic check, here every second).
 */
class StreamRevocationIT {
    @RegisterExtension
    static final NoErrorsLogged logs = new NoErrorsLogged();
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        CareWatchConfig cfg = TestApp.config(db, dataDir, TestBroker.url());
        cfg = cfg.withSecurity(ConfigLoader.load(null, Map.of("CAREWATCH_SECURITY_STREAM_SESSION_CHECK", "PT1S")).security());
        app = CareWatchApp.start(cfg, false);
        http = new Http(app.httpPort());
        var data = new TestData(app.store().dataSource());
        long district = data.district("SSE");
        data.user("sse-officer", "pw-officer", Role.OFFICER, district);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        db.close();
    }

    /** An open event stream: the lines received, and a future completed when the server ends it. */
    record Stream(List<String> lines, CompletableFuture<Void> ended) {
    }

    private static Stream open(String token) {
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/alerts/stream")).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            r.body().forEach(lines::add);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
        return new Stream(lines, ended);
    }

    @Test
    void signingOutEndsTheStreamAtOnce() {
        String token = http.token("sse-officer", "pw-officer");
        Stream s = open(token);
        assertThat(s.ended()).isNotDone();
        assertThat(http.delete("/api/v1/tokens/current", token).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> s.ended().isDone());
        assertThat(s.ended()).isCompleted();
        assertThat(s.lines()).contains("event: session-ended", "data: {\"reason\":\"revoked\"}");
    }

    @Test
    void aTokenRevokedElsewhereOrExpiredEndsTheStreamAtTheNextCheck() throws Exception {
        for (String change : new String[] {"revoked_at = now()", "expires_at = now()"}) {
            String token = http.token("sse-officer", "pw-officer");
            Stream s = open(token);
            // Another node revoked it, or its time ran out: only the store knows.
            try (var c = app.store().connection(); var ps = c.prepareStatement("UPDATE api_tokens SET " + change + " WHERE token_hash = ?")) {
                ps.setBytes(1, java.util.HexFormat.of().parseHex(TokenRepository.tokenId(token)));
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> s.ended().isDone());
            assertThat(s.ended()).as(change).isCompleted();
            assertThat(s.lines()).contains("event: session-ended");
        }
    }
}
