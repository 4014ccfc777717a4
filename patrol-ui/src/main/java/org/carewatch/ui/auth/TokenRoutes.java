package org.carewatch.ui.auth;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import org.carewatch.core.users.LoginThrottle;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.TokenRepository;
import org.carewatch.core.users.UserRepository;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;

/** {@code POST /api/v1/tokens}: username and password for a bearer token; {@code DELETE} signs out. */
public final class TokenRoutes {
    /** Hash checked when the user does not exist, so timing does not reveal which usernames exist. */
    private static final String DUMMY_HASH = new PasswordHasher().hash("carewatch-timing-equaliser");

    private final UserRepository users;
    private final TokenRepository tokens;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Blocking blocking;
    private final Duration ttl;

    public TokenRoutes(UserRepository users, TokenRepository tokens, PasswordHasher hasher, LoginThrottle throttle, Blocking blocking,
                       Duration ttl) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.throttle = throttle;
        this.blocking = blocking;
        this.ttl = ttl;
    }

    record SignIn(String username, String password) {
    }

    public void mountPublic(Router api) {
        api.post("/tokens").handler(this::issue);
    }

    public void mountAuthenticated(Router api) {
        api.delete("/tokens/current").handler(this::revoke);
    }

    private void issue(RoutingContext ctx) {
        SignIn in = Json.body(ctx, SignIn.class);
        if (in.username() == null || in.username().isBlank()) {
            throw ApiError.badRequest("invalid_field", "field 'username': is required", "username");
        }
        if (in.password() == null || in.password().isEmpty()) {
            throw ApiError.badRequest("invalid_field", "field 'password': is required", "password");
        }
        String username = in.username().strip().toLowerCase(java.util.Locale.ROOT);
        if (username.length() > 64 || in.password().length() > 1024) {
            throw new ApiError(401, "invalid_credentials", null, null);
        }
        if (throttle.locked(username)) {
            throw new ApiError(429, "locked", null, null);
        }
        blocking.run(() -> {
            var creds = users.credentials(username);
            boolean ok = hasher.matches(in.password(), creds.map(UserRepository.Credentials::passwordHash).orElse(DUMMY_HASH))
                    && creds.isPresent();
            if (!ok) {
                throttle.failed(username);
                throw new ApiError(401, "invalid_credentials", null, null);
            }
            throttle.succeeded(username);
            var p = creds.get().principal();
            var issued = tokens.issue(p.userId(), ttl);
            return Map.of("token", issued.token(), "tokenType", "Bearer", "expiresAt", issued.expiresAt().toString(),
                    "user", Map.of("username", p.username(), "displayName", p.displayName(), "role", p.role().code(),
                            "locale", p.locale()));
        }).onSuccess(body -> Json.send(ctx, 201, body)).onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        String token = ctx.request().getHeader("Authorization").substring(7).strip();
        blocking.run(() -> tokens.revoke(token)).onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }
}
