package org.carewatch.ui.health;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carewatch.ui.http.ApiFeature;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;

/** {@code /healthz} (process up) and {@code /readyz} (dependencies reachable); {@code /metrics} is {@link MetricsRoute}'s. */
public final class HealthRoutes implements ApiFeature {
    private final List<ReadinessCheck> checks;
    private final Blocking blocking;

    public HealthRoutes(List<ReadinessCheck> checks, Blocking blocking) {
        this.checks = checks;
        this.blocking = blocking;
    }

    @Override
    public void mount(Router router) {
        router.get("/healthz").handler(ctx -> Json.send(ctx, 200, Map.of("status", "up")));
        router.get("/readyz").handler(this::ready);
    }

    private void ready(RoutingContext ctx) {
        blocking.run(() -> {
            Map<String, String> problems = new LinkedHashMap<>();
            for (ReadinessCheck c : checks) {
                String p = c.problem();
                problems.put(c.name(), p == null ? "ok" : p);
            }
            return problems;
        }).onSuccess(results -> {
            boolean ready = results.values().stream().allMatch("ok"::equals);
            if (ready) {
                Json.send(ctx, 200, Map.of("status", "ready", "checks", results));
            } else {
                String why = results.entrySet().stream().filter(e -> !"ok".equals(e.getValue()))
                        .map(e -> e.getKey() + ": " + e.getValue()).reduce((a, b) -> a + "; " + b).orElse("");
                Json.send(ctx, 503, Map.of("error", "not_ready", "message", why, "checks", results));
            }
        }).onFailure(ctx::fail);
    }
}
