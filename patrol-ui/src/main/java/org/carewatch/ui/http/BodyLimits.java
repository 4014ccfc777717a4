package org.carewatch.ui.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Reads request bodies up to {@code http.maxBodyBytes}, or more for the few routes that declare a larger
 * body ({@link ApiFeature#largeBodies()}, e.g. an alert answer with a 2 MiB photo as base64). A body over
 * its limit is a 413; on a declared route it names the field that makes it large.
 */
public final class BodyLimits implements Handler<RoutingContext> {
    /** Routing-context keys the {@link ErrorHandler} reads for a 413. */
    static final String FIELD = "carewatch.bodyLimit.field";
    static final String HINT = "carewatch.bodyLimit.hint";
    /** Where {@link ApiServer#newRouter} leaves this handler for {@link ApiRoutes#mount} to register larger bodies. */
    static final String METADATA = "carewatch.bodyLimits";

    /**
     * A route whose body may exceed the default limit.
     *
     * @param path  a regular expression over the request path under {@code /api/v1}, e.g. {@code /alerts/[^/]+/answer}
     * @param field the field that makes the body large, named in the 413 answer
     * @param hint  what the field may hold, e.g. "a photo may be at most 2048 KiB"
     */
    public record Large(HttpMethod method, String path, long maxBytes, String field, String hint) {
    }

    private record Compiled(Large large, Pattern path, BodyHandler handler) {
    }

    private final BodyHandler normal;
    private final List<Compiled> large = new CopyOnWriteArrayList<>();

    public BodyLimits(long maxBodyBytes) {
        this.normal = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    /** Declares a larger body for one route; {@code prefix} is where the feature is mounted (e.g. {@code /api/v1}). */
    public void allow(String prefix, Large l) {
        large.add(new Compiled(l, Pattern.compile(Pattern.quote(prefix) + l.path()), BodyHandler.create(false).setBodyLimit(l.maxBytes())));
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().method() == io.vertx.core.http.HttpMethod.GET
                && "websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            // A WebSocket upgrade has no body, and reading the request would make a later toWebSocket() (after
            // authentication and the service's checks, which are asynchronous) fail: keep it paused instead.
            ctx.request().pause();
            ctx.next();
            return;
        }
        String path = ctx.normalizedPath();
        for (Compiled c : large) {
            if (c.large().method().equals(ctx.request().method()) && c.path().matcher(path).matches()) {
                ctx.put(FIELD, c.large().field());
                ctx.put(HINT, c.large().hint());
                c.handler().handle(ctx);
                return;
            }
        }
        normal.handle(ctx);
    }
}
