package org.carewatch.alerts.rules;

/** What one value means for a rule: the condition holds, is clearly over, or is between (hysteresis band). */
public enum Evaluation {
    TRIGGERED, HOLD, CLEAR
}
