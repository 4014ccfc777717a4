package org.carewatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.TestApp;
import java.util.Map;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 5: guesses sent in parallel are throttled (counted before any is checked), refusals say
 * when to retry (429, Retry-After) and nothing about whether the user exists, and an attacker cannot hold
 * the real user out: from another address the real user still signs in. Each client binds its own loopback
 * address (127.0.0.x), so the node sees three different callers.
 */
class SignInThrottlingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GUESSES = 30;
    /** security.maxFailedLogins: failures for one username from one address before delays begin. */
    private static final int ALLOWED = 5;

    @RegisterExtension
    static final NoErrorsLogged logs = new NoErrorsLogged();
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        // Delays of a minute and more, so the attacker's address is still held up when the test checks it.
        CareWatchConfig cfg = TestApp.config(db, dataDir, TestBroker.url());
        app = CareWatchApp.start(cfg.withSecurity(ConfigLoader.load(null, Map.of("CAREWATCH_SECURITY_SIGN_IN_DELAY", "PT1M")).security()), false);
        var data = new TestData(app.store().dataSource());
        long district = data.district("THR");
        data.user("head-admin", "the-real-password", Role.ADMIN, district);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        db.close();
    }

    @Test
    void parallelGuessesAreThrottledAndTheRealUserStillSignsInFromElsewhere() throws Exception {
        List<HttpResponse<String>> known = guessInParallel("127.0.0.1", "head-admin");
        List<HttpResponse<String>> unknown = guessInParallel("127.0.0.3", "no-such-user");
        for (List<HttpResponse<String>> answers : List.of(known, unknown)) {
            // Only as many guesses as allowed were checked; the others were refused before any check.
            assertThat(answers).filteredOn(r -> r.statusCode() == 401).hasSize(ALLOWED);
            assertThat(answers).filteredOn(r -> r.statusCode() == 429).hasSize(GUESSES - ALLOWED)
                    .allSatisfy(r -> {
                        assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
                        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("throttled");
                    });
        }
        // The answers do not tell an existing user from a missing one.
        assertThat(known.stream().map(r -> r.statusCode() + " " + errorOf(r)).sorted().toList())
                .isEqualTo(unknown.stream().map(r -> r.statusCode() + " " + errorOf(r)).sorted().toList());

        // The attacker's address is held up, even with the right password...
        assertThat(signIn("127.0.0.1", "head-admin", "the-real-password").statusCode()).isEqualTo(429);
        // ...the real user at another address is not.
        HttpResponse<String> real = signIn("127.0.0.2", "head-admin", "the-real-password");
        assertThat(real.statusCode()).as(real.body()).isEqualTo(201);
        assertThat(JSON.readTree(real.body()).get("token").asText()).isNotBlank();
    }

    private static String errorOf(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body()).get("error").asText();
        } catch (Exception e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private static List<HttpResponse<String>> guessInParallel(String from, String username) throws Exception {
        HttpClient client = client(from);
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < GUESSES; i++) {
            sent.add(client.sendAsync(request(username, "guess-" + i), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> out = new ArrayList<>();
        for (var f : sent) {
            out.add(f.get());
        }
        return out;
    }

    private static HttpResponse<String> signIn(String from, String username, String password) throws Exception {
        return client(from).send(request(username, password), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(String localAddress) throws Exception {
        return HttpClient.newBuilder().localAddress(InetAddress.getByName(localAddress)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpRequest request(String username, String password) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/tokens"))
                .header("Content-Type", "application/json").header("Accept-Language", "en").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")).build();
    }
}
