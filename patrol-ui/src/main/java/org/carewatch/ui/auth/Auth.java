package org.carewatch.ui.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.TokenRepository;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.Blocking;

/** Bearer-token authentication for {@code /api/v1} and the role guard every route declares. */
public final class Auth {
    private static final String PRINCIPAL = "carewatch.principal";

    private final TokenRepository tokens;
    private final Blocking blocking;

    public Auth(TokenRepository tokens, Blocking blocking) {
        this.tokens = tokens;
        this.blocking = blocking;
    }

    /** Resolves the caller from {@code Authorization: Bearer ...}; 401 when absent or invalid. */
    public Handler<RoutingContext> authenticate() {
        return ctx -> {
            String header = ctx.request().getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                ctx.fail(ApiError.unauthenticated());
                return;
            }
            String token = header.substring(7).strip();
            blocking.run(() -> tokens.principal(token)).onSuccess(p -> {
                if (p.isEmpty()) {
                    ctx.fail(ApiError.unauthenticated());
                } else {
                    ctx.put(PRINCIPAL, p.get());
                    ctx.next();
                }
            }).onFailure(ctx::fail);
        };
    }

    /** Lets the request through only for the given roles (403 otherwise). */
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

    public static Principal principal(RoutingContext ctx) {
        Principal p = ctx.get(PRINCIPAL);
        if (p == null) {
            throw ApiError.unauthenticated();
        }
        return p;
    }
}
