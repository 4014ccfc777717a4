package org.carewatch.ui.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.imageio.ImageIO;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.SessionRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's security at the HTTP level (no browser): the session cookie's attributes, a new session id at
 * every sign-in, CSRF on every change made with the cookie (forms and API), the idle timeout, and pages and
 * forms that a role or a centre may not reach answering 403 or 404.
 */
class ConsoleSecurityIT {
    static TestDatabase db;
    static CareWatchApp app;
    static Http api;
    static long alertA;

    @TempDir
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = TestApp.start(db, data);
        TestData td = new TestData(app.store().dataSource());
        long d = td.district("D");
        long e = td.district("E");
        long centreA = td.centre(d, "CA");
        long centreB = td.centre(d, "CB");
        td.user("officer", "officer-pass-1", Role.OFFICER, d);
        td.user("auditor", "auditor-pass-1", Role.AUDITOR, d);
        td.user("admin", "admin-pass-1", Role.ADMIN, d);
        td.user("staff.a", "staff-a-pass-1", Role.FACILITY, centreA);
        td.user("staff.b", "staff-b-pass-1", Role.FACILITY, centreB);
        td.user("officer.e", "officer-e-pass-1", Role.OFFICER, e);
        api = new Http(app.httpPort());
        String officer = api.token("officer", "officer-pass-1");
        alertA = api.post("/api/v1/alerts", officer, "{\"centreId\":" + centreA + ",\"kind\":\"patrol-finding\",\"text\":\"gate left open\"}")
                .json().get("id").asLong();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        db.close();
    }

    ConsoleClient client() {
        return new ConsoleClient(app.httpPort());
    }

    @Test
    void theSessionCookieIsHttpOnlySameSiteAndANewOneAtEverySignIn() {
        ConsoleClient c = client();
        assertThat(c.get("/").location()).isEqualTo("/login");
        ConsoleClient.Page form = c.get("/login");
        assertThat(form.status()).isEqualTo(200);
        assertThat(lower(form.setCookie("cw_login"))).contains("httponly", "samesite=strict", "path=/login");

        c.cookies.put("cw_session", "planted-by-someone-else");
        ConsoleClient.Page signedIn = c.postForm("/login", Map.of("username", "officer", "password", "officer-pass-1", "_login", form.field("_login")));
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.location()).isEqualTo("/patrol"); // officers land on their patrol rotation
        String cookie = signedIn.setCookie("cw_session");
        assertThat(lower(cookie)).contains("httponly", "samesite=lax", "path=/").doesNotContain("secure", "max-age", "expires");
        String first = c.cookies.get("cw_session");
        assertThat(first).isNotEqualTo("planted-by-someone-else").hasSizeGreaterThanOrEqualTo(43);
        assertThat(c.get("/alerts").status()).isEqualTo(200);

        // Signing in again (e.g. a shared PC) rotates the id and ends the one before.
        ConsoleClient.Page again = c.signIn("officer", "officer-pass-1");
        String second = c.cookies.get("cw_session");
        assertThat(again.status()).isEqualTo(303);
        assertThat(second).isNotEqualTo(first);
        ConsoleClient old = client();
        old.cookies.put("cw_session", first);
        assertThat(old.get("/alerts").location()).startsWith("/login?next=");

        // Behind a TLS proxy the cookie is Secure.
        ConsoleClient tls = client();
        tls.headers.put("X-Forwarded-Proto", "https");
        assertThat(lower(tls.signIn("officer", "officer-pass-1").setCookie("cw_session"))).contains("secure");

        // Signing out ends the session on the server, not only in the browser.
        String csrf = c.csrf();
        assertThat(c.postForm("/logout", Map.of("_csrf", csrf)).location()).isEqualTo("/login");
        ConsoleClient replay = client();
        replay.cookies.put("cw_session", second);
        assertThat(replay.get("/alerts").location()).startsWith("/login?next=");
    }

    @Test
    void changesMadeWithTheCookieNeedTheCsrfToken() {
        ConsoleClient c = client();
        c.signIn("officer", "officer-pass-1");
        String csrf = c.csrf();
        assertThat(csrf).hasSizeGreaterThanOrEqualTo(43);

        // Forms: without the token, or with another, refused; nothing changes.
        assertThat(c.postForm("/alerts/" + alertA + "/comment", Map.of("text", "forged")).status()).isEqualTo(403);
        assertThat(c.postForm("/alerts/" + alertA + "/comment", Map.of("text", "forged", "_csrf", "x" + csrf)).status()).isEqualTo(403);
        assertThat(c.postForm("/logout", Map.of()).status()).isEqualTo(403);
        assertThat(c.get("/alerts/" + alertA).body()).doesNotContain("forged");
        ConsoleClient.Page ok = c.postForm("/alerts/" + alertA + "/comment", Map.of("text", "called the centre", "_csrf", csrf));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.location()).isEqualTo("/alerts/" + alertA + "?done=comment");
        assertThat(c.get(ok.location()).body()).contains("called the centre");

        // The API with the cookie: reads as before, changes need the header.
        assertThat(c.get("/api/v1/alerts/" + alertA).status()).isEqualTo(200);
        ConsoleClient.Page noHeader = c.postJson("/api/v1/alerts/" + alertA + "/comment", "{\"text\":\"forged\"}", Map.of());
        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.body()).contains("\"error\":\"csrf\"");
        assertThat(c.postJson("/api/v1/alerts/" + alertA + "/comment", "{\"text\":\"via fetch\"}", Map.of("X-CSRF-Token", csrf)).status())
                .isEqualTo(200);
        // A bearer token needs no CSRF token (a browser never adds it by itself).
        assertThat(api.post("/api/v1/alerts/" + alertA + "/comment", api.token("officer", "officer-pass-1"), "{\"text\":\"integration\"}").status())
                .isEqualTo(200);

        // The sign-in form itself: a post that did not come from our form (no double-submit token) is refused.
        ConsoleClient stranger = client();
        assertThat(stranger.postForm("/login", Map.of("username", "officer", "password", "officer-pass-1")).status()).isEqualTo(403);
        assertThat(stranger.cookies).doesNotContainKey("cw_session");
    }

    @Test
    void forbiddenRolesAndOtherCentresGet403Or404() throws Exception {
        ConsoleClient anonymous = client();
        assertThat(anonymous.get("/alerts").location()).isEqualTo("/login?next=%2Falerts");
        assertThat(anonymous.get("/api/v1/alerts").status()).isEqualTo(401);

        ConsoleClient officer = client();
        officer.signIn("officer", "officer-pass-1");
        assertThat(officer.get("/centre").status()).isEqualTo(403);
        assertThat(officer.get("/centre").body()).contains("<html", "403");

        ConsoleClient staffB = client();
        assertThat(staffB.signIn("staff.b", "staff-b-pass-1").location()).isEqualTo("/centre");
        String csrfB = staffB.get("/centre").csrf();
        assertThat(staffB.get("/alerts/" + alertA).status()).isEqualTo(404);
        assertThat(staffB.postForm("/alerts/" + alertA + "/comment", Map.of("text", "x", "_csrf", csrfB)).status()).isEqualTo(404);
        assertThat(staffB.postMultipart("/alerts/" + alertA + "/answer", Map.of("text", "fixed", "_csrf", csrfB), "photos", "p.png", "image/png",
                png()).status()).isEqualTo(404);
        assertThat(staffB.get("/alerts").body()).doesNotContain("/alerts/" + alertA + "\"");

        ConsoleClient staffA = client();
        staffA.signIn("staff.a", "staff-a-pass-1");
        String csrfA = staffA.get("/centre").csrf();
        assertThat(staffA.postForm("/alerts/" + alertA + "/act", Map.of("action", "ack", "_csrf", csrfA)).status()).isEqualTo(403);
        ConsoleClient.Page seen = staffA.get("/alerts/" + alertA);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body()).contains("gate left open").doesNotContain("officer (").doesNotContain("value=\"ack\"");
        assertThat(staffA.get("/centre").body()).contains("/alerts/" + alertA + "#answer");

        ConsoleClient auditor = client();
        auditor.signIn("auditor", "auditor-pass-1");
        String csrfAud = auditor.csrf();
        assertThat(auditor.postForm("/alerts/" + alertA + "/comment", Map.of("text", "x", "_csrf", csrfAud)).status()).isEqualTo(403);
        assertThat(auditor.get("/centre").status()).isEqualTo(403);
        assertThat(auditor.get("/alerts/" + alertA).body()).doesNotContain("action=\"/alerts/" + alertA + "/comment\"");

        ConsoleClient otherDistrict = client();
        otherDistrict.signIn("officer.e", "officer-e-pass-1");
        assertThat(otherDistrict.get("/alerts/" + alertA).status()).isEqualTo(404);
        assertThat(otherDistrict.streamStatus("/events/alerts")).isEqualTo(200);
        assertThat(anonymous.streamStatus("/events/alerts")).isEqualTo(302);

        // Bad input is a 400 page naming the field, never a 500.
        ConsoleClient.Page bad = officer.get("/alerts?severity=urgent");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("severity");
        assertThat(officer.get("/alerts/abc").status()).isEqualTo(400);
        assertThat(officer.postForm("/alerts/" + alertA + "/act", Map.of("action", "explode", "_csrf", officer.csrf())).status()).isEqualTo(400);
    }

    @Test
    void pagesNeedNoInlineScriptOrStyleSoAStrictCspWorks() {
        ConsoleClient c = client();
        java.util.List<String> pages = new java.util.ArrayList<>(java.util.List.of(c.get("/login").body()));
        c.signIn("officer", "officer-pass-1");
        pages.add(c.get("/alerts").body());
        pages.add(c.get("/alerts/" + alertA).body());
        pages.add(c.get("/alerts/999999").body());
        ConsoleClient staff = client();
        staff.signIn("staff.a", "staff-a-pass-1");
        pages.add(staff.get("/centre").body());
        pages.add(staff.get("/alerts/" + alertA).body());
        for (String html : pages) {
            assertThat(html).contains("<script src=\"/webjars/htmx.org/");
            // Every script has a src and no body; no inline event handler; no style element or attribute.
            assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>").doesNotContainPattern("<script[^>]*>[^<]+</script>");
            assertThat(html).doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContainPattern("\\sstyle\\s*=").doesNotContain("<style");
        }
        // The front-end files come from the WebJars with a year of caching; ours from /static.
        ConsoleClient.Page htmx = c.get(pages.get(1).replaceAll("(?s).*<script src=\"(/webjars/htmx.org/[^\"]+)\".*", "$1"));
        assertThat(htmx.status()).isEqualTo(200);
        assertThat(htmx.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000");
        assertThat(c.get("/static/console.js").status()).isEqualTo(200);
        assertThat(c.get("/webjars/htmx.org/").status()).isEqualTo(404);
    }

    @Test
    void anUnusedSessionEndsAfterTheIdleTimeout(@TempDir Path dir) throws Exception {
        CareWatchConfig cfg = TestApp.config(db, dir, TestBroker.url());
        cfg = cfg.withConsole(cfg.console().withSessionIdleTimeout(Duration.ofSeconds(2)));
        try (CareWatchApp idleApp = CareWatchApp.start(cfg, false)) {
            ConsoleClient c = new ConsoleClient(idleApp.httpPort());
            c.signIn("auditor", "auditor-pass-1");
            String id = c.cookies.get("cw_session");
            assertThat(c.get("/alerts").status()).isEqualTo(200);
            SessionRepository sessions = new SessionRepository(idleApp.store().dataSource());
            Instant lastUse = sessions.find(id).orElseThrow().lastSeenAt();
            // Nothing uses the session now; once two seconds have passed since its last use it is over.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Instant.now().isAfter(lastUse.plus(Duration.ofSeconds(2))));
            ConsoleClient.Page after = c.get("/alerts");
            assertThat(after.location()).isEqualTo("/login?next=%2Falerts");
            assertThat(lower(after.setCookie("cw_session"))).contains("max-age=0");
        }
    }

    /** Cookie attribute names are case-insensitive (Netty writes HTTPOnly). */
    static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    static byte[] png() throws Exception {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    @Test
    void anEventStreamOpenedWithTheSessionEndsWhenItSignsOut() {
        ConsoleClient c = client();
        c.signIn("officer", "officer-pass-1");
        var lines = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var ended = java.net.http.HttpClient.newHttpClient().sendAsync(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/alerts/stream"))
                .header("Cookie", "cw_session=" + c.cookies.get("cw_session")).build(), java.net.http.HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    r.body().forEach(lines::add);
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
        assertThat(ended).isNotDone();
        assertThat(c.postForm("/logout", Map.of("_csrf", c.csrf())).location()).isEqualTo("/login");
        await().atMost(Duration.ofSeconds(5)).until(ended::isDone);
        assertThat(lines).contains("event: session-ended", "data: {\"reason\":\"revoked\"}");
    }
}
