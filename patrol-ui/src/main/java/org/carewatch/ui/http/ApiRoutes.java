package org.carewatch.ui.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The shape of the HTTP surface, knowing no feature: request metrics and common headers first, root
 * features (health), then {@code /api/v1} with its description and the public features (sign-in), the
 * authentication handler, and every other feature behind it; errors as JSON everywhere.
 */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    /**
     * What a node serves; the wiring fills it.
     *
     * @param root         features at the server root (e.g. {@code /healthz})
     * @param open         {@code /api/v1} features that need no token (e.g. sign-in)
     * @param authenticate resolves the caller; 401 when it cannot
     * @param api          {@code /api/v1} features behind {@code authenticate}
     */
    public record Features(RequestMetrics metrics, List<ApiFeature> root, List<ApiFeature> open, Handler<RoutingContext> authenticate,
                           List<ApiFeature> api) {
    }

    public static void mount(Vertx vertx, Router root, Features f) {
        ErrorHandler errors = new ErrorHandler();
        root.route().order(-1).handler(f.metrics());
        root.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store");
            ctx.next();
        });
        f.root().forEach(feature -> feature.mount(root));

        Router api = Router.router(vertx);
        new OpenApiRoutes().mount(api);
        f.open().forEach(feature -> feature.mount(api));
        api.route().handler(f.authenticate());
        f.api().forEach(feature -> feature.mount(api));
        api.route().failureHandler(errors);
        root.route("/api/v1/*").subRouter(api);

        root.route().failureHandler(errors);
        for (int status : new int[] {400, 401, 403, 404, 405, 413, 500}) {
            root.errorHandler(status, errors);
        }
        root.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(LandingPage.HTML));
    }
}
