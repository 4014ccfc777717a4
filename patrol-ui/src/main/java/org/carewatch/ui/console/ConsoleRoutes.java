package org.carewatch.ui.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.users.ConsoleSessions;
import org.carewatch.core.users.SignInRefusedException;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.auth.StreamSessions;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.ErrorHandler;
import org.carewatch.ui.i18n.Messages;
import org.carewatch.ui.session.Csrf;
import org.carewatch.ui.session.SessionCookies;

/**
 * The console's doors: {@code /} (the role's home, or the sign-in page), {@code /login} (form; the password is
 * checked by {@link ConsoleSessions}, which starts a session with a new id), {@code /logout} (POST with the
 * CSRF token), {@code /lang/{en|zh}} (the remembered language switch), and the front-end files: WebJars under
 * {@code /webjars/} (versioned paths, cached for a year) and ours under {@code /static/}.
 */
public final class ConsoleRoutes implements ConsoleFeature {
    /** Double-submit token of the sign-in form (there is no session yet to hold a synchronizer token). */
    static final String LOGIN_COOKIE = "cw_login";
    static final String LOGIN_FIELD = "_login";
    private static final long YEAR = 365L * 24 * 3600;

    @Override
    public void mount(Router root, Console console) {
        // Files may be cached (the common headers said no-store, and the static handler only adds what is absent).
        root.get("/webjars/*").handler(ConsoleRoutes::cacheable);
        root.get("/static/*").handler(ConsoleRoutes::cacheable);
        root.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true)
                .setMaxAgeSeconds(YEAR).setDirectoryListing(false).setIncludeHidden(false));
        root.get("/static/*").handler(StaticHandler.create("org/carewatch/ui/static").setCachingEnabled(true)
                .setMaxAgeSeconds(300).setDirectoryListing(false).setIncludeHidden(false));
        root.get("/").handler(ctx -> home(ctx, console));
        root.get("/login").handler(ctx -> loginForm(ctx, console, 200, null, null)).failureHandler(console.errors());
        root.post("/login").handler(ctx -> login(ctx, console)).failureHandler(console.errors());
        root.post("/logout").handler(console.signedIn()).handler(ctx -> logout(ctx, console)).failureHandler(console.errors());
        root.get("/lang/:lang").handler(this::language);
    }

    private static void cacheable(RoutingContext ctx) {
        ctx.response().headers().remove("Cache-Control");
        ctx.next();
    }

    /** The model of login.jte. */
    public record LoginPage(Shell shell, String loginToken, String next, String username, String error) {
    }

    private void home(RoutingContext ctx, Console console) {
        console.sessions().resolve(ctx).onSuccess(s -> {
            if (s.isPresent()) {
                ctx.redirect(console.homes().of(s.get().principal().role()));
            } else {
                ctx.redirect("/login");
            }
        }).onFailure(e -> console.errorPage(ctx, ErrorHandler.classify(e, 500)));
    }

    private void loginForm(RoutingContext ctx, Console console, int status, String username, String errorKey) {
        String token = Csrf.newToken();
        ctx.response().addCookie(Cookie.cookie(LOGIN_COOKIE, token).setPath("/login").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(console.sessions().cookies().secure(ctx)));
        Shell shell = console.shell(ctx, "login.title");
        String next = safeNext(ctx.request().getParam("next"));
        console.render(ctx, status, "login.jte", new LoginPage(shell, token, next, username, errorKey == null ? null : shell.t(errorKey)));
    }

    private void login(RoutingContext ctx, Console console) {
        String username = ctx.request().getFormAttribute("username");
        String password = ctx.request().getFormAttribute("password");
        String sent = ctx.request().getFormAttribute(LOGIN_FIELD);
        Cookie expected = ctx.request().getCookie(LOGIN_COOKIE);
        if (sent == null || expected == null
                || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getValue().getBytes(StandardCharsets.UTF_8))) {
            // A sign-in form from anywhere but our own page (or an expired one): refuse, show a fresh form.
            loginForm(ctx, console, 403, username, "login.expired");
            return;
        }
        String previous = SessionCookies.read(ctx);
        String client = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
        console.blocking().run(() -> console.sessions().service().signIn(username, password, client, previous)).onSuccess(started -> {
            ctx.response().addCookie(console.sessions().cookies().session(ctx, started.sessionId()));
            ctx.response().addCookie(Cookie.cookie(LOGIN_COOKIE, "").setPath("/login").setMaxAge(0));
            String next = safeNext(ctx.request().getFormAttribute("next"));
            Console.seeOther(ctx, next != null ? next : console.homes().of(started.session().principal().role()));
        }).onFailure(e -> {
            Throwable t = e instanceof io.vertx.core.impl.NoStackTraceThrowable && e.getCause() != null ? e.getCause() : e;
            if (t instanceof SignInRefusedException r) {
                boolean throttled = r.reason() == SignInRefusedException.Reason.THROTTLED;
                if (throttled && r.retryAfter() != null) {
                    ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, (r.retryAfter().toMillis() + 999) / 1000)));
                }
                loginForm(ctx, console, throttled ? 429 : 401, username, throttled ? "error.throttled_page" : "error.invalid_credentials");
            } else if (t instanceof InvalidInputException) {
                loginForm(ctx, console, 400, username, "login.missing");
            } else {
                ctx.fail(e);
            }
        });
    }

    private void logout(RoutingContext ctx, Console console) {
        var who = Auth.principal(ctx);
        String id = SessionCookies.read(ctx);
        console.blocking().run(() -> {
            console.sessions().service().signOut(who, id);
            return null;
        }).onSuccess(x -> {
            if (id != null) {
                StreamSessions.sessionEnded(ctx.vertx(), id); // its live streams, on every node, end now
            }
            ctx.response().addCookie(console.sessions().cookies().cleared(ctx));
            Console.seeOther(ctx, "/login");
        }).onFailure(ctx::fail);
    }

    /** Remembers the chosen language (a year) and goes back to the page it was chosen on. */
    private void language(RoutingContext ctx) {
        String lang = ctx.pathParam("lang");
        if (!"en".equals(lang) && !"zh".equals(lang)) {
            ctx.fail(new ApiError(404, "not_found", "no language '" + lang + "'; use en or zh", null));
            return;
        }
        ctx.response().addCookie(Cookie.cookie(Messages.COOKIE, lang).setPath("/").setMaxAge(YEAR).setSameSite(CookieSameSite.LAX));
        String back = safeNext(ctx.request().getParam("back"));
        ctx.redirect(back == null ? "/" : back);
    }

    /** A path on this site to go to next, or null: never another site (no open redirect). */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 2000 || !next.startsWith("/") || next.startsWith("//")
                || next.startsWith("/\\") || next.chars().anyMatch(c -> c < 0x20)) {
            return null;
        }
        return next;
    }
}
