package org.carewatch.patrol.plan;

import java.time.LocalDate;

/** Inclusive range of days (an absence). */
public record DateRange(LocalDate from, LocalDate to) {
    public boolean contains(LocalDate d) {
        return !d.isBefore(from) && !d.isAfter(to);
    }

    public boolean overlaps(LocalDate a, LocalDate b) {
        return !to.isBefore(a) && !from.isAfter(b);
    }
}
