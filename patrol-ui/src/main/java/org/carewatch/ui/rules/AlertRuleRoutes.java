package org.carewatch.ui.rules;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carewatch.alerts.rules.CentreRules;
import org.carewatch.alerts.rules.RuleBook;
import org.carewatch.alerts.rules.RuleOverride;
import org.carewatch.alerts.rules.RuleOverrideInput;
import org.carewatch.alerts.rules.RuleOverrides;
import org.carewatch.core.users.Principal;
import org.carewatch.profiles.sensor.AlertRule;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;
import org.carewatch.ui.http.QueryParams;

/**
 * A centre's alert rules: {@code GET /api/v1/centres/{id}/alert-rules} lists the rules the engine applies,
 * profile by profile, with what the centre overrides; {@code PUT} and
 * {@code DELETE .../alert-rules/{profileId}/{ruleId}} set or remove an override;
 * {@code GET .../alert-rules/changes} is the change record. Routes only: who may do what is decided by
 * {@link RuleOverrides}.
 */
public final class AlertRuleRoutes implements org.carewatch.ui.http.ApiFeature {
    private final RuleOverrides overrides;
    private final Blocking blocking;

    public AlertRuleRoutes(RuleOverrides overrides, Blocking blocking) {
        this.overrides = overrides;
        this.blocking = blocking;
    }

    public void mount(Router api) {
        api.get("/centres/:id/alert-rules").handler(this::list);
        api.get("/centres/:id/alert-rules/changes").handler(this::history);
        api.put("/centres/:id/alert-rules/:profileId/:ruleId").handler(this::put);
        api.delete("/centres/:id/alert-rules/:profileId/:ruleId").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        blocking.run(() -> overrides.centreRules(who, centreId)).onSuccess(r -> Json.send(ctx, 200, view(r))).onFailure(ctx::fail);
    }

    private void history(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        int limit = limit(ctx);
        blocking.run(() -> overrides.changes(who, centreId, limit))
                .onSuccess(l -> Json.send(ctx, 200, Map.of("items", l, "count", l.size()))).onFailure(ctx::fail);
    }

    private void put(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        String profileId = ctx.pathParam("profileId");
        String ruleId = ctx.pathParam("ruleId");
        RuleOverrideBody b = Json.body(ctx, RuleOverrideBody.class);
        RuleOverrideInput in = new RuleOverrideInput(b.enabled(), b.threshold(), b.clearThreshold(), b.forDuration(), b.severity(), b.schedule());
        blocking.run(() -> overrides.put(who, centreId, profileId, ruleId, in)).onSuccess(e -> Json.send(ctx, 200, view(e))).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        String profileId = ctx.pathParam("profileId");
        String ruleId = ctx.pathParam("ruleId");
        blocking.run(() -> overrides.delete(who, centreId, profileId, ruleId)).onSuccess(e -> Json.send(ctx, 200, view(e))).onFailure(ctx::fail);
    }

    static Map<String, Object> view(CentreRules r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CentreRules.ProfileRules p : r.profiles()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("profileId", p.profileId());
            m.put("name", p.known() ? p.profile().name() : null);
            m.put("nameZh", p.known() ? p.profile().nameZh() : null);
            m.put("known", p.known());
            m.put("sensorIds", p.sensorIds());
            m.put("rules", p.rules().stream().map(AlertRuleRoutes::view).toList());
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("centreId", r.centreId());
        body.put("profiles", out);
        return body;
    }

    /** One rule as the engine applies it, what the profile says, and which fields the centre changed. */
    static Map<String, Object> view(RuleBook.EffectiveRule e) {
        AlertRule r = e.rule();
        AlertRule p = e.profileRule();
        RuleOverride o = e.override();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("metric", r.metric());
        m.put("condition", r.condition().id());
        m.put("enabled", e.enabled());
        m.put("threshold", r.threshold());
        m.put("clearThreshold", r.clearThreshold());
        m.put("for", r.forDuration() == null ? null : r.forDuration().toString());
        m.put("window", r.window() == null ? null : r.window().toString());
        m.put("severity", r.severity().id());
        m.put("schedule", r.schedule());
        m.put("placement", r.placement());
        m.put("overridden", o != null);
        List<String> fields = new ArrayList<>();
        if (o != null) {
            if (!o.enabled()) {
                fields.add("enabled");
            }
            if (o.threshold() != null) {
                fields.add("threshold");
            }
            if (o.clearThreshold() != null) {
                fields.add("clearThreshold");
            }
            if (o.forDuration() != null) {
                fields.add("for");
            }
            if (o.severity() != null) {
                fields.add("severity");
            }
            if (o.schedule() != null) {
                fields.add("schedule");
            }
        }
        m.put("overriddenFields", fields);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("threshold", p.threshold());
        d.put("clearThreshold", p.clearThreshold());
        d.put("for", p.forDuration() == null ? null : p.forDuration().toString());
        d.put("severity", p.severity().id());
        d.put("schedule", p.schedule());
        m.put("profileDefault", d);
        return m;
    }

    private static int limit(RoutingContext ctx) {
        return QueryParams.intValue(ctx, "limit", 100, 1, 1000);
    }
}
