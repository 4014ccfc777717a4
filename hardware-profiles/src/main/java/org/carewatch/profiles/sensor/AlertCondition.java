package org.carewatch.profiles.sensor;

import java.util.Locale;

/** What a default alert rule tests. */
public enum AlertCondition {
    /** Value above the threshold. */
    ABOVE,
    /** Value below the threshold. */
    BELOW,
    /** Value equal to the threshold (enum numbers, states). */
    EQUALS,
    /** A boolean metric is true (1.0). */
    BOOLEAN_TRUE,
    /** The value changes by more than the threshold within the window (absolute change). */
    RATE,
    /** No reading of the metric for the rule's duration. */
    NO_DATA;

    /** The word used in files: above, below, equals, boolean-true, rate, no-data. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
