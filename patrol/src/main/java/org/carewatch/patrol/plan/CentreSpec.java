package org.carewatch.patrol.plan;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** What the planner needs of a centre: the days and hours it is open and its nap window (null when none). */
public record CentreSpec(long id, List<Integer> openDays, LocalTime opensAt, LocalTime closesAt, LocalTime napStartsAt,
                         LocalTime napEndsAt) {
    public CentreSpec {
        openDays = openDays.stream().sorted().distinct().toList();
    }

    public boolean openOn(LocalDate date) {
        return openDays.contains(date.getDayOfWeek().getValue());
    }

    public boolean hasNap() {
        return napStartsAt != null && napEndsAt != null;
    }

    /** Whether this centre belongs to {@code round} on a day it is open. */
    public boolean inRound(RoundRule round) {
        return switch (round.coverage()) {
            case NAPPING -> hasNap();
            case ALL_OPEN -> opensAt.isBefore(round.endsAt()) && closesAt.isAfter(round.startsAt());
        };
    }
}
