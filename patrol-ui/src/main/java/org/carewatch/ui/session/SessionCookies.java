package org.carewatch.ui.session;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import org.carewatch.core.config.ConsoleConfig;

/**
 * The console's session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent with cross-site posts),
 * path {@code /}, no expiry of its own (the server ends sessions), and Secure when the request came over TLS
 * or {@code console.secureCookie} says always.
 */
public final class SessionCookies {
    public static final String NAME = "cw_session";

    private final ConsoleConfig.SecureCookie secure;

    public SessionCookies(ConsoleConfig.SecureCookie secure) {
        this.secure = secure;
    }

    public Cookie session(RoutingContext ctx, String sessionId) {
        return Cookie.cookie(NAME, sessionId).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(secure(ctx));
    }

    /** The same cookie, expired: the browser forgets the session. */
    public Cookie cleared(RoutingContext ctx) {
        return session(ctx, "").setMaxAge(0);
    }

    /** Whether the request reached us over TLS, directly or through a proxy that says so. */
    public boolean secure(RoutingContext ctx) {
        if (secure == ConsoleConfig.SecureCookie.ALWAYS || ctx.request().isSSL()) {
            return true;
        }
        // Only ever adds Secure, so a forged header costs the forger their own session and nobody else anything.
        return "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
    }

    /** The session id the browser sent, or null. */
    public static String read(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(NAME);
        return c == null || c.getValue().isEmpty() ? null : c.getValue();
    }
}
