package org.carewatch.ui.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.ConsoleSessions;
import org.carewatch.core.users.SignInService;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.session.Csrf;
import org.carewatch.ui.session.SessionCookies;
import org.carewatch.ui.session.Sessions;

/**
 * Authentication for {@code /api/v1}: who the caller is, from a bearer token (integrations) or else the
 * console's session cookie (the console's own fetches and live streams; then a state-changing request must
 * also carry the session's CSRF token). What the caller may do is decided by the services each route calls.
 */
public final class Auth {
    private static final String PRINCIPAL = "carewatch.principal";
    private static final String CREDENTIAL = "carewatch.credential";

    private final SignInService signIns;
    private final Sessions sessions;
    private final Blocking blocking;

    public Auth(SignInService signIns, Sessions sessions, Blocking blocking) {
        this.signIns = signIns;
        this.sessions = sessions;
        this.blocking = blocking;
    }

    /** Resolves the caller from {@code Authorization: Bearer ...} or the session cookie; 401 when neither is valid. */
    public Handler<RoutingContext> authenticate() {
        return ctx -> {
            String token = bearerToken(ctx);
            if (token == null) {
                bySession(ctx);
                return;
            }
            blocking.run(() -> signIns.authenticate(token)).onSuccess(p -> {
                if (p.isEmpty()) {
                    ctx.fail(ApiError.unauthenticated());
                } else {
                    ctx.put(PRINCIPAL, p.get());
                    ctx.put(CREDENTIAL, SignInService.credentialId(token));
                    ctx.next();
                }
            }).onFailure(ctx::fail);
        };
    }

    private void bySession(RoutingContext ctx) {
        if (sessions == null || SessionCookies.read(ctx) == null) {
            ctx.fail(ApiError.unauthenticated());
            return;
        }
        sessions.resolve(ctx).onSuccess(s -> {
            if (s.isEmpty()) {
                ctx.fail(ApiError.unauthenticated());
            } else if (Csrf.stateChanging(ctx) && !Csrf.valid(ctx, s.get())) {
                ctx.fail(Csrf.refused());
            } else {
                signedIn(ctx, s.get().principal());
                ctx.put(CREDENTIAL, ConsoleSessions.credentialId(SessionCookies.read(ctx)));
                ctx.next();
            }
        }).onFailure(ctx::fail);
    }

    /** Records who the caller is for the rest of the request (the console's page handlers use this too). */
    public static void signedIn(RoutingContext ctx, Principal p) {
        ctx.put(PRINCIPAL, p);
    }

    /** The token of {@code Authorization: Bearer ...}, or null when the header is absent or of another scheme. */
    public static String bearerToken(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    /**
     * Lets the request through only for the given roles (403 otherwise). Kept for routes whose service does not
     * check roles itself yet; a route whose service checks roles must not repeat the rule here.
     */
    public static Handler<RoutingContext> require(Role... roles) {
        return ctx -> {
            Principal p = ctx.get(PRINCIPAL);
            if (p == null) {
                ctx.fail(ApiError.unauthenticated());
            } else if (Arrays.asList(roles).contains(p.role())) {
                ctx.next();
            } else {
                ctx.fail(ApiError.forbidden());
            }
        };
    }

    /**
     * The id of the credential the request was authenticated with (the token's stored id; never the token):
     * what a long-lived stream watches for revocation and expiry ({@link StreamSessions}).
     */
    public static String credentialId(RoutingContext ctx) {
        String id = ctx.get(CREDENTIAL);
        if (id == null) {
            throw ApiError.unauthenticated();
        }
        return id;
    }

    public static Principal principal(RoutingContext ctx) {
        Principal p = ctx.get(PRINCIPAL);
        if (p == null) {
            throw ApiError.unauthenticated();
        }
        return p;
    }
}
