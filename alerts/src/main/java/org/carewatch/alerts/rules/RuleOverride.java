package org.carewatch.alerts.rules;

import java.time.Duration;
import org.carewatch.profiles.sensor.AlertRule;
import org.carewatch.profiles.sensor.Severity;

/** A centre's change to one inherited rule; null fields keep the profile's value. */
public record RuleOverride(long centreId, String profileId, String ruleId, boolean enabled, Double threshold,
                           Double clearThreshold, Duration forDuration, Severity severity, String schedule) {

    public AlertRule applyTo(AlertRule r) {
        return new AlertRule(r.id(), r.metric(), r.condition(),
                threshold != null ? threshold : r.threshold(),
                clearThreshold != null ? clearThreshold : r.clearThreshold(),
                forDuration != null ? forDuration : r.forDuration(),
                r.window(),
                severity != null ? severity : r.severity(),
                schedule != null ? schedule : r.schedule(),
                r.placement());
    }
}
