package org.carewatch.alerts.rules;

import org.carewatch.profiles.sensor.AlertRule;

/**
 * Threshold logic with hysteresis: "above 1000, clear 900" triggers over 1000, clears at or under 900
 * and holds the current state in between, so a value wavering around the threshold does not flap.
 */
public final class ConditionCheck {
    private ConditionCheck() {
    }

    /**
     * @param change for rate rules, the absolute change over the rule's window (null when unknown)
     */
    public static Evaluation evaluate(AlertRule r, double value, Double change) {
        double t = r.threshold() == null ? 0 : r.threshold();
        double clear = r.clearThreshold() == null ? t : r.clearThreshold();
        return switch (r.condition()) {
            case ABOVE -> value > t ? Evaluation.TRIGGERED : value <= clear ? Evaluation.CLEAR : Evaluation.HOLD;
            case BELOW -> value < t ? Evaluation.TRIGGERED : value >= clear ? Evaluation.CLEAR : Evaluation.HOLD;
            case EQUALS -> value == t ? Evaluation.TRIGGERED : Evaluation.CLEAR;
            case BOOLEAN_TRUE -> value >= 0.5 ? Evaluation.TRIGGERED : Evaluation.CLEAR;
            case RATE -> change == null ? Evaluation.HOLD
                    : change > t ? Evaluation.TRIGGERED : change <= clear ? Evaluation.CLEAR : Evaluation.HOLD;
            // No-data rules are decided by silence (AlertEngine.tick): any reading ends the silence.
            case NO_DATA -> Evaluation.CLEAR;
        };
    }
}
