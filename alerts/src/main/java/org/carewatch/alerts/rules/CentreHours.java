package org.carewatch.alerts.rules;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

/** A centre's week: open days (ISO, 1 = Monday), opening hours and the nap window (may be absent). */
public record CentreHours(List<Integer> openDays, LocalTime opensAt, LocalTime closesAt, LocalTime napStartsAt, LocalTime napEndsAt) {
    public CentreHours {
        openDays = List.copyOf(openDays);
    }

    public boolean open(ZonedDateTime t) {
        LocalTime lt = t.toLocalTime();
        return openDays.contains(t.getDayOfWeek().getValue()) && !lt.isBefore(opensAt) && lt.isBefore(closesAt);
    }

    public boolean nap(ZonedDateTime t) {
        if (napStartsAt == null || !openDays.contains(t.getDayOfWeek().getValue())) {
            return false;
        }
        LocalTime lt = t.toLocalTime();
        return !lt.isBefore(napStartsAt) && lt.isBefore(napEndsAt);
    }

    public boolean covers(String schedule, ZonedDateTime t) {
        return switch (schedule == null ? Schedules.ALWAYS : schedule) {
            case Schedules.ALWAYS -> true;
            case Schedules.OPENING_HOURS -> open(t);
            case Schedules.CLOSED_HOURS -> !open(t);
            case Schedules.NAP -> nap(t);
            // An unknown schedule never applies rather than alerting at the wrong time; the profile
            // check names such rules.
            default -> false;
        };
    }
}
