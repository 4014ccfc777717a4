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
 * change. Rules limited to a placement apply only where a centre override enables them.
 */
public final class RuleBook {
    private final Function<String, Optional<SensorProfile>> profiles;
    private final RuleOverrideRepository overrides;
    private volatile Map<String, RuleOverride> byKey = Map.of();
    private final Map<String, List<AlertRule>> cache = new ConcurrentHashMap<>();

    public RuleBook(Function<String, Optional<SensorProfile>> profiles, RuleOverrideRepository overrides) {
        this.profiles = profiles;
        this.overrides = overrides;
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
    public List<AlertRule> rules(long centreId, String profileId, String metric) {
        return cache.computeIfAbsent(centreId + "|" + profileId + "|" + metric, k -> build(centreId, profileId, metric));
    }

    private List<AlertRule> build(long centreId, String profileId, String metric) {
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
            if (r.placement() != null && o == null) {
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
