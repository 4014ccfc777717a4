package org.carewatch.ui.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.store.StoreUnavailableException;
import org.carewatch.core.users.SignInRefusedException;
import org.carewatch.ui.i18n.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into {@code {error, message}} JSON with the right status; never a stack trace. */
public final class ErrorHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    /** Codes already reported as lacking a message (logged once each). */
    private static final Set<String> unlocalised = ConcurrentHashMap.newKeySet();

    @Override
    public void handle(RoutingContext ctx) {
        ApiError e = classify(ctx.failure(), ctx.statusCode());
        if ("internal".equals(e.code()) && ctx.failure() != null) {
            // Only what nobody classified is a bug worth a stack trace; a camera that is down, a busy pool
            // or an unreachable database is an answer, already logged where its state changes.
            log.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        } else if (e.status() >= 500) {
            log.debug("{} {}: {} {}", ctx.request().method(), ctx.request().path(), e.status(), e.code());
        }
        if (e.status() == 413 && e.field() == null && ctx.get(BodyLimits.FIELD) instanceof String field) {
            e = new ApiError(413, e.code(), "field '" + field + "': " + ctx.get(BodyLimits.HINT), field);
        }
        if (unwrap(ctx.failure()) instanceof SignInRefusedException r && r.retryAfter() != null && !ctx.response().headWritten()) {
            ctx.response().putHeader("Retry-After", Long.toString(retrySeconds(r)));
        }
        send(ctx, e);
    }

    public static void send(RoutingContext ctx, ApiError e) {
        if (ctx.response().ended()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code());
        String text = message(Messages.forRequest(ctx), e);
        body.put("message", e.detail() == null ? text : text + ": " + e.detail());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        if (e.status() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"carewatch\"");
        }
        if (e.status() == 503) {
            ctx.response().putHeader("Retry-After", "5");
        }
        Json.send(ctx, e.status(), body);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof io.vertx.core.impl.NoStackTraceThrowable && t.getCause() != null ? t.getCause() : t;
    }

    /** Whole seconds to wait, rounded up (Retry-After has no fractions). */
    private static long retrySeconds(SignInRefusedException r) {
        long ms = r.retryAfter().toMillis();
        return Math.max(1, (ms + 999) / 1000);
    }

    /**
     * The localised text for an error's code. A code without a message (a bug the bundle test should have
     * caught) shows the generic text of its status class, never the raw key.
     */
    static String message(Messages messages, ApiError e) {
        String key = "error." + e.code();
        if (messages.has(key)) {
            return messages.get(key, e.args());
        }
        if (unlocalised.add(e.code())) {
            log.warn("no message for error code '{}' in {}", e.code(), messages.locale());
        }
        return messages.get(e.status() >= 500 ? "error.unavailable" : "error.invalid_request");
    }

    public static ApiError classify(Throwable t, int status) {
        t = unwrap(t);
        if (t instanceof ApiError a) {
            return a;
        }
        if (t instanceof org.carewatch.core.districts.LiveViewDisabledException d) {
            return new ApiError(403, "live_view_disabled", d.getMessage(), null);
        }
        if (t instanceof ForbiddenException f) {
            return new ApiError(403, "forbidden", f.getMessage(), f.field());
        }
        if (t instanceof SignInRefusedException r) {
            return switch (r.reason()) {
                case INVALID_CREDENTIALS -> new ApiError(401, "invalid_credentials", null, null);
                case THROTTLED -> new ApiError(429, "throttled", null, null, retrySeconds(r));
            };
        }
        if (t instanceof InvalidInputException i) {
            return i.unprocessable() ? new ApiError(422, "unprocessable", i.getMessage(), i.field())
                    : new ApiError(400, "invalid_field", i.getMessage(), i.field());
        }
        if (t instanceof NotFoundException n) {
            return new ApiError(404, "not_found", n.getMessage(), null);
        }
        if (t instanceof ConflictException c) {
            return new ApiError(409, "conflict", c.getMessage(), null);
        }
        if (t instanceof StoreUnavailableException || t instanceof java.sql.SQLTransientConnectionException) {
            return new ApiError(503, "unavailable", "the database is not reachable", null);
        }
        if (t == null) {
            return switch (status) {
                case 400 -> new ApiError(400, "invalid_request", null, null);
                case 401 -> ApiError.unauthenticated();
                case 403 -> ApiError.forbidden();
                case 404 -> new ApiError(404, "not_found", null, null);
                case 405 -> new ApiError(405, "method_not_allowed", null, null);
                case 413 -> new ApiError(413, "payload_too_large", null, null);
                default -> new ApiError(status >= 400 ? status : 500, "internal", null, null);
            };
        }
        return new ApiError(500, "internal", null, null);
    }
}
