package org.carewatch.ui.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.carewatch.ui.alerts.AlertRoutes;
import org.carewatch.ui.audit.AuditRoutes;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.auth.TokenRoutes;
import org.carewatch.ui.cameras.CameraRoutes;
import org.carewatch.ui.centres.CentreRoutes;
import org.carewatch.ui.health.HealthRoutes;
import org.carewatch.ui.patrol.PatrolRoutes;
import org.carewatch.ui.rules.AlertRuleRoutes;
import org.carewatch.ui.webhooks.WebhookRoutes;
import org.carewatch.ui.sensors.SensorRoutes;

/**
 * Routes only: which path goes to which feature. Everything under {@code /api/v1} except the token
 * exchange and the API description requires a bearer token; each feature declares the roles it allows.
 */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    public record Features(Auth auth, HealthRoutes health, TokenRoutes tokens, CentreRoutes centres, SensorRoutes sensors, CameraRoutes cameras,
                           AuditRoutes audit, AlertRoutes alerts, AlertRuleRoutes alertRules, WebhookRoutes webhooks,
                           RequestMetrics metrics, PatrolRoutes patrol) {
    }

    public static void mount(Vertx vertx, Router root, Features f) {
        ErrorHandler errors = new ErrorHandler();
        root.route().order(-1).handler(f.metrics());
        root.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store");
            ctx.next();
        });
        f.health().mount(root);

        Router api = Router.router(vertx);
        new OpenApiRoutes().mount(api);
        f.tokens().mountPublic(api);
        api.route().handler(f.auth().authenticate());
        f.tokens().mountAuthenticated(api);
        f.centres().mount(api);
        f.sensors().mount(api);
        f.cameras().mount(api);
        f.audit().mount(api);
        f.alerts().mount(api);
        f.alertRules().mount(api);
        f.webhooks().mount(api);
        f.patrol().mount(api);
        api.route().failureHandler(errors);
        root.route("/api/v1/*").subRouter(api);

        root.route().failureHandler(errors);
        for (int status : new int[] {400, 401, 403, 404, 405, 413, 500}) {
            root.errorHandler(status, errors);
        }
        root.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(LandingPage.HTML));
    }
}
