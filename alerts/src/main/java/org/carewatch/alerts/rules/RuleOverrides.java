package org.carewatch.alerts.rules;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.carewatch.core.store.Transactions;
import org.carewatch.alerts.changes.ConfigChanges;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.profiles.sensor.AlertRule;
import org.carewatch.profiles.sensor.SensorProfile;

/**
 * Changes a centre's rule overrides: checks them against the profile rule ({@link OverrideCheck}), saves
 * them together with their {@link ConfigChanges} record in one transaction, then reloads the running
 * engine's {@link RuleBook} so the next reading is judged by the new rule. Role and scope are the
 * caller's business (the HTTP layer); this class records who did it.
 */
public final class RuleOverrides {
    private final DataSource ds;
    private final RuleBook book;
    private final Function<String, Optional<SensorProfile>> profiles;

    public RuleOverrides(DataSource ds, RuleBook book, Function<String, Optional<SensorProfile>> profiles) {
        this.ds = ds;
        this.book = book;
        this.profiles = profiles;
    }

    public RuleBook book() {
        return book;
    }

    /** The profile's rule, or 404 for an unknown profile or rule id. */
    public AlertRule rule(String profileId, String ruleId) {
        SensorProfile p = profiles.apply(profileId).orElseThrow(() -> new NotFoundException("no sensor profile '" + clip(profileId) + "'"));
        return p.alertRules().stream().filter(r -> r.id().equals(ruleId)).findFirst()
                .orElseThrow(() -> new NotFoundException("profile '" + p.id() + "' has no rule '" + clip(ruleId) + "'"));
    }

    /** Saves (creates or replaces) the override; returns the rule as the engine now applies it. */
    public RuleBook.EffectiveRule put(Principal who, long districtId, RuleOverride o) throws SQLException {
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

    /** Removes the override (the profile's rule applies again); 404 when there is none. */
    public RuleBook.EffectiveRule delete(Principal who, long districtId, long centreId, String profileId, String ruleId) throws SQLException {
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
