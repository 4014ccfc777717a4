package org.carewatch.patrol.plan;

import java.time.LocalTime;
import java.util.List;

/** The drawn day: per round, each available officer's centres in visiting order; and what could not be met. */
public record DayPlan(List<RoundPlan> rounds, List<Unmet> unmet) {

    public record RoundPlan(int index, String name, LocalTime startsAt, LocalTime endsAt, List<OfficerRound> assignments) {
    }

    /** One officer's centres in one round, in the order they are to be visited. */
    public record OfficerRound(long officerId, List<Long> centreIds) {
    }
}
