package org.carewatch.patrol.plan;

import java.time.LocalTime;

/** One round of the day (e.g. arrival 08:00-09:30) in the district's local time, and which centres it covers. */
public record RoundRule(String name, LocalTime startsAt, LocalTime endsAt, Coverage coverage) {
}
