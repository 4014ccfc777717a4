package org.carewatch.alerts.rules;

import java.time.Duration;
import java.util.Set;
import org.carewatch.profiles.sensor.AlertCondition;
import org.carewatch.profiles.sensor.AlertRule;

/**
 * Checks a centre override against the profile rule it changes, with the same rules the profile check
 * applies to the rule files (thresholds only where the condition has one, hysteresis on the right side),
 * on the rule as the engine would run it ({@link RuleOverride#applyTo}).
 */
public final class OverrideCheck {
    /** The schedules the engine knows; any other would silently never apply (see {@link CentreHours}). */
    public static final Set<String> SCHEDULES = Set.of(Schedules.ALWAYS, Schedules.OPENING_HOURS, Schedules.CLOSED_HOURS, Schedules.NAP);
    /** Longer pending times would amount to switching the rule off without saying so. */
    public static final Duration MAX_FOR = Duration.ofDays(1);

    private OverrideCheck() {
    }

    /** @throws OverrideProblem for the first problem found */
    public static void check(AlertRule rule, RuleOverride o) {
        AlertCondition cond = rule.condition();
        boolean hasThreshold = cond == AlertCondition.ABOVE || cond == AlertCondition.BELOW || cond == AlertCondition.EQUALS
                || cond == AlertCondition.RATE;
        boolean hasClear = cond == AlertCondition.ABOVE || cond == AlertCondition.BELOW;
        if (o.threshold() != null) {
            if (!Double.isFinite(o.threshold())) {
                throw new OverrideProblem("threshold", false, "must be a finite number");
            }
            if (!hasThreshold) {
                throw new OverrideProblem("threshold", true, "rule '" + rule.id() + "' (condition " + cond.id() + ") has no threshold");
            }
            if (cond == AlertCondition.RATE && o.threshold() <= 0) {
                throw new OverrideProblem("threshold", true, "a rate threshold is a change and must be above 0");
            }
        }
        if (o.clearThreshold() != null) {
            if (!Double.isFinite(o.clearThreshold())) {
                throw new OverrideProblem("clearThreshold", false, "must be a finite number");
            }
            if (!hasClear) {
                throw new OverrideProblem("clearThreshold", true, "rule '" + rule.id() + "' (condition " + cond.id()
                        + ") has no clear threshold; only above and below rules do");
            }
        }
        if (o.forDuration() != null && (o.forDuration().isNegative() || o.forDuration().compareTo(MAX_FOR) > 0)) {
            throw new OverrideProblem("for", false, "must be between PT0S and P1D, got " + o.forDuration());
        }
        if (o.schedule() != null && !SCHEDULES.contains(o.schedule())) {
            throw new OverrideProblem("schedule", false, "must be one of always, opening-hours, closed-hours, nap");
        }
        AlertRule merged = o.applyTo(rule);
        if (merged.threshold() != null && merged.clearThreshold() != null) {
            // Name the field the caller sent: the other value may be the profile's.
            String field = o.clearThreshold() != null ? "clearThreshold" : "threshold";
            if (cond == AlertCondition.ABOVE && merged.clearThreshold() > merged.threshold()) {
                throw new OverrideProblem(field, true, "for an above rule the clear threshold (" + merged.clearThreshold()
                        + ") must not be above the threshold (" + merged.threshold() + ")");
            }
            if (cond == AlertCondition.BELOW && merged.clearThreshold() < merged.threshold()) {
                throw new OverrideProblem(field, true, "for a below rule the clear threshold (" + merged.clearThreshold()
                        + ") must not be below the threshold (" + merged.threshold() + ")");
            }
        }
        if (cond == AlertCondition.NO_DATA && (merged.forDuration() == null || merged.forDuration().isZero())) {
            throw new OverrideProblem("for", true, "a no-data rule needs a duration above zero (how long without data)");
        }
    }
}
