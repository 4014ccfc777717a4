package org.carewatch.ui.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.store.StoreUnavailableException;
import org.carewatch.core.users.SignInRefusedException;
import org.carewatch.ui.i18n.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into {@code {"error", "message"}} JSON with the right status; never a stack trace. */
public final class ErrorHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        ApiError e = classify(ctx.failure(), ctx.statusCode());
        if (e.status() >= 500 && !"busy".equals(e.code())) {
            log.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        send(ctx, e);
    }

    public static void send(RoutingContext ctx, ApiError e) {
        if (ctx.response().ended()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code());
        String text = Messages.forRequest(ctx).get("error." + e.code(), e.args());
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

    public static ApiError classify(Throwable t, int status) {
        if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ApiError a) {
            return a;
        }
        if (t instanceof ForbiddenException f) {
            return new ApiError(403, "forbidden", f.getMessage(), f.field());
        }
        if (t instanceof SignInRefusedException r) {
            return switch (r.reason()) {
                case INVALID_CREDENTIALS -> new ApiError(401, "invalid_credentials", null, null);
                case LOCKED -> new ApiError(429, "locked", null, null);
            };
        }
        if (t instanceof org.carewatch.alerts.rules.OverrideProblem o) {
            String detail = "field '" + o.field() + "': " + o.getMessage();
            return o.unprocessable() ? new ApiError(422, "unprocessable", detail, o.field()) : new ApiError(400, "invalid_field", detail, o.field());
        }
        if (t instanceof InvalidInputException i) {
            return new ApiError(400, "invalid_field", i.getMessage(), i.field());
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
