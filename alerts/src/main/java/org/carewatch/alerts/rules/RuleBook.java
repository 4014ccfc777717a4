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
 * change (the rule API does, right after its change commits). A rule limited to a placement (e.g.
 * {@code fridge}) applies to sensors installed there (their {@code sensors.location}, compared without
 * case) or where a centre override names the rule.
 */
public final class RuleBook {
    private final Function<String, Optional<SensorProfile>> profiles;
    private final RuleOverrideRepository overrides;
    /** The overrides and the rule lists built from them, replaced together so no list outlives its overrides. */
    private volatile Snapshot snapshot = new Snapshot(Map.of());

    private final java.util.function.LongFunction<String> placements;

    /** One of a profile's rules at a centre: as the profile has it, the centre's override (or null) and the result. */
    public record EffectiveRule(AlertRule profileRule, RuleOverride override, AlertRule rule) {
        /** False when the centre's override switches the rule off. */
        public boolean enabled() {
            return override == null || override.enabled();
        }
    }

    private record Snapshot(Map<String, RuleOverride> byKey, Map<String, List<AlertRule>> cache) {
        Snapshot(Map<String, RuleOverride> byKey) {
            this(byKey, new ConcurrentHashMap<>());
        }
    }

    /**
     * @param placements a sensor's installed placement by sensor id (null when unknown), e.g. {@link SensorPlacements}
     */
    public RuleBook(Function<String, Optional<SensorProfile>> profiles, RuleOverrideRepository overrides,
                    java.util.function.LongFunction<String> placements) {
        this.profiles = profiles;
        this.overrides = overrides;
        this.placements = placements == null ? id -> null : placements;
    }

    /** Reads the overrides again; serialised, so a slow reload never replaces a newer one. */
    public synchronized void reload() throws SQLException {
        Map<String, RuleOverride> m = new ConcurrentHashMap<>();
        if (overrides != null) {
            for (RuleOverride o : overrides.all()) {
                m.put(key(o.centreId(), o.profileId(), o.ruleId()), o);
            }
        }
        snapshot = new Snapshot(m);
    }

    /** The rules for one metric of a centre's sensor of this profile (empty for an unknown profile). */
    public List<AlertRule> rules(long centreId, long sensorId, String profileId, String metric) {
        String placement = placements.apply(sensorId);
        String where = placement == null ? "" : placement.strip().toLowerCase(java.util.Locale.ROOT);
        Snapshot s = snapshot;
        return s.cache().computeIfAbsent(centreId + "|" + profileId + "|" + metric + "|" + where,
                k -> build(s, centreId, profileId, metric, where));
    }

    /**
     * Every rule of the profile at this centre, whatever its metric or placement, with the centre's
     * override applied (disabled ones included, see {@link EffectiveRule#enabled()}): what the engine
     * uses, for display. Empty for an unknown profile.
     */
    public List<EffectiveRule> effective(long centreId, String profileId) {
        return effective(snapshot, centreId, profileId);
    }

    /** The override in force for one rule at a centre, if any (as last {@link #reload() loaded}). */
    public Optional<RuleOverride> override(long centreId, String profileId, String ruleId) {
        return Optional.ofNullable(snapshot.byKey().get(key(centreId, profileId, ruleId)));
    }

    /** The profiles for which this centre has overrides (as last loaded), sorted. */
    public java.util.SortedSet<String> overriddenProfiles(long centreId) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (RuleOverride o : snapshot.byKey().values()) {
            if (o.centreId() == centreId) {
                out.add(o.profileId());
            }
        }
        return out;
    }

    private List<EffectiveRule> effective(Snapshot s, long centreId, String profileId) {
        Optional<SensorProfile> p = profiles.apply(profileId);
        if (p.isEmpty()) {
            return List.of();
        }
        List<EffectiveRule> out = new ArrayList<>();
        for (AlertRule r : p.get().alertRules()) {
            RuleOverride o = s.byKey().get(key(centreId, profileId, r.id()));
            out.add(new EffectiveRule(r, o, o == null ? r : o.applyTo(r)));
        }
        return out;
    }

    private List<AlertRule> build(Snapshot s, long centreId, String profileId, String metric, String placement) {
        List<AlertRule> out = new ArrayList<>();
        for (EffectiveRule e : effective(s, centreId, profileId)) {
            AlertRule r = e.profileRule();
            if (!r.metric().equals(metric) || !e.enabled()) {
                continue;
            }
            if (r.placement() != null && e.override() == null && !r.placement().equalsIgnoreCase(placement)) {
                continue;
            }
            out.add(e.rule());
        }
        return List.copyOf(out);
    }

    private static String key(long centreId, String profileId, String ruleId) {
        return centreId + "|" + profileId + "|" + ruleId;
    }
}
