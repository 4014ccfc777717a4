package org.carewatch.ui.rules;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.carewatch.alerts.changes.ConfigChanges;
import org.carewatch.alerts.rules.RuleBook;
import org.carewatch.alerts.rules.RuleOverride;
import org.carewatch.alerts.rules.RuleOverrides;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.profiles.sensor.AlertRule;
import org.carewatch.profiles.sensor.SensorProfile;
import org.carewatch.profiles.sensor.Severity;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;

/**
 * A centre's alert rules: {@code GET /api/v1/centres/{id}/alert-rules} (every role, within its scope:
 * facility staff their own centre) lists the rules the engine applies, profile by profile, with what the
 * centre overrides; {@code PUT} and {@code DELETE .../alert-rules/{profileId}/{ruleId}} set or remove an
 * override (administrators and patrol officers, for centres of their district; never facility staff,
 * so a centre cannot silence its own alarms, and not auditors, who review changes:
 * {@code GET .../alert-rules/changes}). Out-of-scope centres read as 404, like everywhere.
 */
public final class AlertRuleRoutes implements org.carewatch.ui.http.ApiFeature {
    private static final Role[] CHANGE = {Role.ADMIN, Role.OFFICER};

    private final RuleOverrides overrides;
    private final ConfigChanges changes;
    private final CentreRepository centres;
    private final SensorRepository sensors;
    private final Function<String, Optional<SensorProfile>> profiles;
    private final Blocking blocking;

    public AlertRuleRoutes(RuleOverrides overrides, ConfigChanges changes, CentreRepository centres, SensorRepository sensors,
                           Function<String, Optional<SensorProfile>> profiles, Blocking blocking) {
        this.overrides = overrides;
        this.changes = changes;
        this.centres = centres;
        this.sensors = sensors;
        this.profiles = profiles;
        this.blocking = blocking;
    }

    public void mount(Router api) {
        api.get("/centres/:id/alert-rules").handler(Auth.require(Role.values())).handler(this::list);
        api.get("/centres/:id/alert-rules/changes").handler(Auth.require(Role.ADMIN, Role.OFFICER, Role.AUDITOR)).handler(this::history);
        api.put("/centres/:id/alert-rules/:profileId/:ruleId").handler(Auth.require(CHANGE)).handler(this::put);
        api.delete("/centres/:id/alert-rules/:profileId/:ruleId").handler(Auth.require(CHANGE)).handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        blocking.run(() -> {
            centres.visible(who, centreId);
            // Profiles of the centre's sensors, and any other profile the centre has overrides for.
            SortedMap<String, List<Long>> used = new TreeMap<>();
            for (Sensor s : sensors.listByCentre(centreId)) {
                if (s.active()) {
                    used.computeIfAbsent(s.profileId(), k -> new ArrayList<>()).add(s.id());
                }
            }
            for (String p : overrides.book().overriddenProfiles(centreId)) {
                used.putIfAbsent(p, List.of());
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (var e : used.entrySet()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("profileId", e.getKey());
                Optional<SensorProfile> p = profiles.apply(e.getKey());
                m.put("name", p.map(SensorProfile::name).orElse(null));
                m.put("nameZh", p.map(SensorProfile::nameZh).orElse(null));
                m.put("known", p.isPresent());
                m.put("sensorIds", e.getValue());
                m.put("rules", overrides.book().effective(centreId, e.getKey()).stream().map(AlertRuleRoutes::view).toList());
                out.add(m);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("centreId", centreId);
            body.put("profiles", out);
            return body;
        }).onSuccess(b -> Json.send(ctx, 200, b)).onFailure(ctx::fail);
    }

    private void history(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        int limit = limit(ctx);
        blocking.run(() -> {
            centres.visible(who, centreId);
            return changes.forCentre(centreId, limit);
        }).onSuccess(l -> Json.send(ctx, 200, Map.of("items", l, "count", l.size()))).onFailure(ctx::fail);
    }

    private void put(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        String profileId = ctx.pathParam("profileId");
        String ruleId = ctx.pathParam("ruleId");
        RuleOverrideBody b = Json.body(ctx, RuleOverrideBody.class);
        RuleOverride o = new RuleOverride(centreId, profileId, ruleId, b.enabled() == null || b.enabled(), b.threshold(),
                b.clearThreshold(), duration(b.forDuration()), severity(b.severity()), b.schedule() == null ? null : b.schedule().strip());
        blocking.run(() -> {
            Centre c = centres.visible(who, centreId);
            return view(overrides.put(who, c.districtId(), o));
        }).onSuccess(v -> Json.send(ctx, 200, v)).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        String profileId = ctx.pathParam("profileId");
        String ruleId = ctx.pathParam("ruleId");
        blocking.run(() -> {
            Centre c = centres.visible(who, centreId);
            return view(overrides.delete(who, c.districtId(), centreId, profileId, ruleId));
        }).onSuccess(v -> Json.send(ctx, 200, v)).onFailure(ctx::fail);
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

    private static Duration duration(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Duration.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_field", "field 'for' must be an ISO-8601 duration such as PT10M or PT1H", "for");
        }
    }

    private static Severity severity(String raw) {
        if (raw == null) {
            return null;
        }
        for (Severity s : Severity.values()) {
            if (s.id().equals(raw.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw ApiError.badRequest("invalid_field", "field 'severity' must be one of critical, major, minor, warning", "severity");
    }

    private static int limit(RoutingContext ctx) {
        String raw = ctx.queryParams().get("limit");
        if (raw == null) {
            return 100;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= 1 && v <= 1000) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ApiError.badRequest("invalid_field", "query parameter 'limit' must be a whole number from 1 to 1000", "limit");
    }
}
