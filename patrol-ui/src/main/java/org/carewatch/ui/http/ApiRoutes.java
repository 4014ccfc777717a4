package org.carewatch.ui.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The shape of the HTTP surface, knowing no feature: request metrics, security headers and the input guard first, root
 * features (health), then {@code /api/v1} with its description and the public features (sign-in), the
 * authentication handler, and every other feature behind it; then the console's pages at the root. Errors are
 * JSON, except that a browser asking for a page outside {@code /api} gets the console's HTML error page.
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
     * @param pages        the console's pages at the root (they check their own session)
     * @param pageErrors   renders an error as an HTML page for browsers (null: JSON everywhere)
     */
    public record Features(RequestMetrics metrics, List<ApiFeature> root, List<ApiFeature> open, Handler<RoutingContext> authenticate,
                           List<ApiFeature> api, List<ApiFeature> pages, Handler<RoutingContext> pageErrors) {
    }

    public static void mount(Vertx vertx, Router root, Features f) {
        ErrorHandler errors = new ErrorHandler();
        edge(root, f.metrics());
        f.root().forEach(feature -> feature.mount(root));

        Router api = Router.router(vertx);
        new OpenApiRoutes().mount(api);
        f.open().forEach(feature -> feature.mount(api));
        api.route().handler(f.authenticate());
        f.api().forEach(feature -> feature.mount(api));
        api.route().failureHandler(errors);
        root.route("/api/v1/*").subRouter(api);
        BodyLimits bodies = root.getMetadata(BodyLimits.METADATA);
        if (bodies != null) {
            for (List<ApiFeature> list : List.of(f.open(), f.api())) {
                list.forEach(feature -> feature.largeBodies().forEach(l -> bodies.allow("/api/v1", l)));
            }
        }

        f.pages().forEach(feature -> feature.mount(root));
        Handler<RoutingContext> byClient = f.pageErrors() == null ? errors : ctx -> (wantsPage(ctx) ? f.pageErrors() : errors).handle(ctx);
        errors(root, byClient);
    }

    /**
     * A management listener's router (e.g. {@code /metrics} on {@code metrics.port}): the same edge (request
     * metrics, security headers, input guard) and JSON errors, and only the features given.
     */
    public static void mountManagement(Router root, RequestMetrics metrics, List<ApiFeature> features) {
        edge(root, metrics);
        features.forEach(feature -> feature.mount(root));
        errors(root, new ErrorHandler());
    }

    /** What every request passes first: timing by route pattern, the security headers, the query/path guard. */
    private static void edge(Router root, RequestMetrics metrics) {
        root.route().order(-2).handler(metrics.routes(root));
        root.route().order(-1).handler(new SecurityHeaders());
        root.route().handler(QueryParams.guard());
    }

    private static void errors(Router root, Handler<RoutingContext> errors) {
        root.route().failureHandler(errors);
        for (int status : new int[] {400, 401, 403, 404, 405, 413, 500}) {
            root.errorHandler(status, errors);
        }
    }

    /** A browser navigating to a page (not the API, not an htmx or script request). */
    private static boolean wantsPage(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return !ctx.request().path().startsWith("/api/") && accept != null && accept.contains("text/html");
    }
}
