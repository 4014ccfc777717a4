package org.carewatch.alerts.rules;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.carewatch.alerts.changes.ConfigChanges;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.core.store.Transactions;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.profiles.sensor.AlertRule;
import org.carewatch.profiles.sensor.SensorProfile;

/**
 * A centre's alert rules and who may change them. Every role may read the rules of a centre in its
 * scope; administrators and officers of the district may set or remove overrides, never facility staff
 * (a centre cannot silence its own alarms) and not auditors, who read the change record instead.
 * A centre outside the caller's scope is {@link NotFoundException} (404), a role that may not is
 * {@link org.carewatch.core.errors.ForbiddenException} (403), checked first.
 *
 * <p>A change is checked against the profile rule ({@link OverrideCheck}), saved together with its
 * {@link ConfigChanges} record in one transaction, then the running engine's {@link RuleBook} is
 * reloaded so the next reading is judged by the new rule.
 */
public final class RuleOverrides {
    private static final Role[] READERS = Role.values();
    private static final Role[] CHANGE_READERS = {Role.ADMIN, Role.OFFICER, Role.AUDITOR};
    private static final Role[] CHANGERS = {Role.ADMIN, Role.OFFICER};

    private final DataSource ds;
    private final RuleBook book;
    private final Function<String, Optional<SensorProfile>> profiles;
    private final CentreService centres;
    private final SensorRepository sensors;
    private final ConfigChanges changes;

    /**
     * @param centres core's centres, for scope checks
     * @param sensors core's sensors, for the profiles installed at a centre
     */
    public RuleOverrides(DataSource ds, RuleBook book, Function<String, Optional<SensorProfile>> profiles, CentreService centres,
                         SensorRepository sensors) {
        this.ds = ds;
        this.book = book;
        this.profiles = profiles;
        this.centres = centres;
        this.sensors = sensors;
        this.changes = new ConfigChanges(ds);
    }

    /** The rules the engine applies at a centre the caller may see (every role). */
    public CentreRules centreRules(Principal who, long centreId) throws SQLException {
        who.requireRole(READERS);
        centres.visible(who, centreId);
        // Profiles of the centre's sensors, and any other profile the centre has overrides for.
        SortedMap<String, List<Long>> used = new TreeMap<>();
        for (Sensor s : sensors.listByCentre(centreId)) {
            if (s.active()) {
                used.computeIfAbsent(s.profileId(), k -> new ArrayList<>()).add(s.id());
            }
        }
        for (String p : book.overriddenProfiles(centreId)) {
            used.putIfAbsent(p, List.of());
        }
        List<CentreRules.ProfileRules> out = new ArrayList<>();
        for (var e : used.entrySet()) {
            out.add(new CentreRules.ProfileRules(e.getKey(), profiles.apply(e.getKey()).orElse(null), e.getValue(),
                    book.effective(centreId, e.getKey())));
        }
        return new CentreRules(centreId, out);
    }

    /** Who changed the centre's rules, newest first (administrators, officers, auditors of the district). */
    public List<ConfigChanges.Change> changes(Principal who, long centreId, int limit) throws SQLException {
        who.requireRole(CHANGE_READERS);
        centres.visible(who, centreId);
        return changes.forCentre(centreId, limit);
    }

    /**
     * Saves (creates or replaces) the centre's override of one profile rule; returns the rule as the engine
     * now applies it. Administrators and officers of the centre's district only.
     */
    public RuleBook.EffectiveRule put(Principal who, long centreId, String profileId, String ruleId, RuleOverrideInput in) throws SQLException {
        who.requireRole(CHANGERS);
        RuleOverride o = in.toOverride(centreId, profileId, ruleId);
        Centre c = centres.visible(who, centreId);
        return put(who, c.districtId(), o);
    }

    /** Removes the centre's override (the profile's rule applies again); 404 when there is none. */
    public RuleBook.EffectiveRule delete(Principal who, long centreId, String profileId, String ruleId) throws SQLException {
        who.requireRole(CHANGERS);
        Centre c = centres.visible(who, centreId);
        return delete(who, c.districtId(), centreId, profileId, ruleId);
    }

    /** The profile's rule, or 404 for an unknown profile or rule id. */
    private AlertRule rule(String profileId, String ruleId) {
        SensorProfile p = profiles.apply(profileId).orElseThrow(() -> new NotFoundException("no sensor profile '" + clip(profileId) + "'"));
        return p.alertRules().stream().filter(r -> r.id().equals(ruleId)).findFirst()
                .orElseThrow(() -> new NotFoundException("profile '" + p.id() + "' has no rule '" + clip(ruleId) + "'"));
    }

    private RuleBook.EffectiveRule put(Principal who, long districtId, RuleOverride o) throws SQLException {
        AlertRule rule = rule(o.profileId(), o.ruleId());
        OverrideCheck.check(rule, o);
        Transactions.inTransaction(ds, c -> {
            Optional<RuleOverride> before = RuleOverrideRepository.findForUpdate(c, o.centreId(), o.profileId(), o.ruleId());
            RuleOverrideRepository.save(c, o);
            ConfigChanges.record(c, who, ConfigChanges.RULE_SET, object(o.centreId(), o.profileId(), o.ruleId()), districtId, o.centreId(),
                    before.map(RuleOverrides::describe).orElse(null), describe(o));
            return null;
        });
        book.reload();
        return find(o.centreId(), o.profileId(), o.ruleId());
    }

    private RuleBook.EffectiveRule delete(Principal who, long districtId, long centreId, String profileId, String ruleId) throws SQLException {
        rule(profileId, ruleId);
        boolean removed = Transactions.inTransaction(ds, c -> {
            Optional<RuleOverride> before = RuleOverrideRepository.findForUpdate(c, centreId, profileId, ruleId);
            if (before.isEmpty()) {
                return false;
            }
            RuleOverrideRepository.delete(c, centreId, profileId, ruleId);
            ConfigChanges.record(c, who, ConfigChanges.RULE_DELETE, object(centreId, profileId, ruleId), districtId, centreId,
                    describe(before.get()), null);
            return true;
        });
        if (!removed) {
            throw new NotFoundException("centre " + centreId + " has no override of " + profileId + "/" + ruleId);
        }
        book.reload();
        return find(centreId, profileId, ruleId);
    }

    private RuleBook.EffectiveRule find(long centreId, String profileId, String ruleId) {
        return book.effective(centreId, profileId).stream().filter(e -> e.profileRule().id().equals(ruleId)).findFirst().orElseThrow();
    }

    /** An override as stored, for the change record. */
    public static Map<String, Object> describe(RuleOverride o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", o.enabled());
        m.put("threshold", o.threshold());
        m.put("clearThreshold", o.clearThreshold());
        m.put("for", o.forDuration() == null ? null : o.forDuration().toString());
        m.put("severity", o.severity() == null ? null : o.severity().id());
        m.put("schedule", o.schedule());
        return m;
    }

    private static String object(long centreId, String profileId, String ruleId) {
        return centreId + "/" + profileId + "/" + ruleId;
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
