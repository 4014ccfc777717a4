package org.carewatch.ui.auth;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.SignInService;
import org.carewatch.ui.http.ApiFeature;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;

/**
 * {@code POST /api/v1/tokens}: username and password for a bearer token (mounted before authentication,
 * {@link #signIn()}); {@code DELETE /api/v1/tokens/current} signs out. The rules are {@link SignInService}'s.
 */
public final class TokenRoutes implements ApiFeature {
    private final SignInService signIns;
    private final Blocking blocking;

    public TokenRoutes(SignInService signIns, Blocking blocking) {
        this.signIns = signIns;
        this.blocking = blocking;
    }

    record SignIn(String username, String password) {
    }

    /** The sign-in route, which needs no token. */
    public ApiFeature signIn() {
        return api -> api.post("/tokens").handler(this::issue);
    }

    @Override
    public void mount(Router api) {
        api.delete("/tokens/current").handler(this::revoke);
    }

    private void issue(RoutingContext ctx) {
        SignIn in = Json.body(ctx, SignIn.class);
        // The peer's address: throttling counts failures per address (a proxy in front would need its own rule).
        String client = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
        blocking.run(() -> signIns.signIn(in.username(), in.password(), client)).onSuccess(s -> {
            Principal p = s.principal();
            Json.send(ctx, 201, Map.of("token", s.token(), "tokenType", "Bearer", "expiresAt", s.expiresAt().toString(),
                    "user", Map.of("username", p.username(), "displayName", p.displayName(), "role", p.role().code(),
                            "locale", p.locale())));
        }).onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        String token = Auth.bearerToken(ctx);
        blocking.run(() -> {
            signIns.signOut(who, token);
            return null;
        }).onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }
}
