package org.carewatch.alerts.rules;

import java.time.Instant;

/** Whether a rule's schedule ({@code always}, {@code opening-hours}, {@code closed-hours}, {@code nap}) covers a moment at a centre. */
@FunctionalInterface
public interface Schedules {
    String ALWAYS = "always";
    String OPENING_HOURS = "opening-hours";
    String CLOSED_HOURS = "closed-hours";
    String NAP = "nap";

    boolean applies(String schedule, long centreId, Instant time);
}
