package org.carewatch.ui.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Times every request as {@code http_server_requests} by method, route pattern (not raw path) and status. */
public final class RequestMetrics implements Handler<RoutingContext> {
    private final MeterRegistry meters;

    public RequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Timer.Sample sample = Timer.start(meters);
        ctx.addEndHandler(done -> {
            String pattern = routeOf(ctx);
            sample.stop(Timer.builder("http.server.requests")
                    .tag("method", ctx.request().method().name())
                    .tag("route", pattern)
                    .tag("status", String.valueOf(ctx.response().getStatusCode()))
                    .publishPercentileHistogram()
                    .register(meters));
        });
        ctx.next();
    }

    /**
     * The path with numeric ids folded, so the tag's values stay few. Requests refused before or while
     * routing (bad ids, unknown paths, missing tokens) share one value: a caller must not be able to
     * create meters by inventing paths.
     */
    static String routeOf(RoutingContext ctx) {
        int status = ctx.response().getStatusCode();
        if (status == 400 || status == 401 || status == 403 || status == 404 || status == 405 || status == 413) {
            return "refused";
        }
        return ctx.normalizedPath().replaceAll("/\\d+(?=/|$)", "/{id}");
    }
}
