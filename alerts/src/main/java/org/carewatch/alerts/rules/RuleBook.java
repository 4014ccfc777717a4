package org.carewatch.alerts.rules;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.carewatch.profiles.sensor.AlertRule;
import org.carewatch.profiles.sensor.SensorProfile;

/**
 * The rules that apply to a centre's sensor of a given profile: the profile's default rules with the
 * centre's overrides (changed values, or disabled). Held in memory; {@link #reload()} after overrides
 * change. A rule limited to a placement (e.g. {@code fridge}) applies to sensors installed there (their
 * {@code sensors.location}, compared without case) or where a centre override names the rule.
 */
public final class RuleBook {
    private final Function<String, Optional<SensorProfile>> profiles;
    private final RuleOverrideRepository overrides;
    private volatile Map<String, RuleOverride> byKey = Map.of();
    private final Map<String, List<AlertRule>> cache = new ConcurrentHashMap<>();

    private final java.util.function.LongFunction<String> placements;

    /**
     * @param placements a sensor's installed placement by sensor id (null when unknown), e.g. {@link SensorPlacements}
     */
    public RuleBook(Function<String, Optional<SensorProfile>> profiles, RuleOverrideRepository overrides,
                    java.util.function.LongFunction<String> placements) {
        this.profiles = profiles;
        this.overrides = overrides;
        this.placements = placements == null ? id -> null : placements;
    }

    public void reload() throws SQLException {
        Map<String, RuleOverride> m = new ConcurrentHashMap<>();
        if (overrides != null) {
            for (RuleOverride o : overrides.all()) {
                m.put(key(o.centreId(), o.profileId(), o.ruleId()), o);
            }
        }
        byKey = m;
        cache.clear();
    }

    /** The rules for one metric of a centre's sensor of this profile (empty for an unknown profile). */
    public List<AlertRule> rules(long centreId, long sensorId, String profileId, String metric) {
        String placement = placements.apply(sensorId);
        String where = placement == null ? "" : placement.strip().toLowerCase(java.util.Locale.ROOT);
        return cache.computeIfAbsent(centreId + "|" + profileId + "|" + metric + "|" + where,
                k -> build(centreId, profileId, metric, where));
    }

    private List<AlertRule> build(long centreId, String profileId, String metric, String placement) {
        Optional<SensorProfile> p = profiles.apply(profileId);
        if (p.isEmpty()) {
            return List.of();
        }
        List<AlertRule> out = new ArrayList<>();
        for (AlertRule r : p.get().alertRules()) {
            if (!r.metric().equals(metric)) {
                continue;
            }
            RuleOverride o = byKey.get(key(centreId, profileId, r.id()));
            if (o != null && !o.enabled()) {
                continue;
            }
            if (r.placement() != null && o == null && !r.placement().equalsIgnoreCase(placement)) {
                continue;
            }
            out.add(o == null ? r : o.applyTo(r));
        }
        return List.copyOf(out);
    }

    private static String key(long centreId, String profileId, String ruleId) {
        return centreId + "|" + profileId + "|" + ruleId;
    }
}
