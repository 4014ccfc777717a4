package org.carewatch.ui.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.carewatch.ui.i18n.Messages;

/** Times as the console shows them: in the district's time zone, minutes precision; deadlines relative to now. */
public final class Fmt {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private final ZoneId zone;
    private final Messages m;
    private final Instant now;

    public Fmt(ZoneId zone, Messages m, Instant now) {
        this.zone = zone;
        this.m = m;
        this.now = now;
    }

    public String dateTime(Instant t) {
        return t == null ? "" : DATE_TIME.format(t.atZone(zone));
    }

    public String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(zone));
    }

    /** ISO-8601 with offset, for {@code <time datetime>}. */
    public String iso(Instant t) {
        return t == null ? "" : t.atZone(zone).toOffsetDateTime().toString();
    }

    public String date(LocalDate d) {
        return d == null ? "" : ISO_DATE.format(d);
    }

    public boolean overdue(Instant due) {
        return due != null && !due.isAfter(now);
    }

    /** "in 2 h 5 min" or "overdue by 40 min", in the page's language. */
    public String due(Instant due) {
        if (due == null) {
            return "";
        }
        Duration d = Duration.between(now, due);
        String span = span(d.abs());
        return d.isNegative() || d.isZero() ? m.get("time.overdue", span) : m.get("time.in", span);
    }

    /** A duration in words ("2 h 5 min"), in the page's language. */
    public String span(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return m.get("time.days_hours", days, hours);
        }
        if (hours > 0) {
            return m.get("time.hours_minutes", hours, minutes);
        }
        return m.get("time.minutes", Math.max(minutes, d.isZero() ? 0 : 1));
    }

    public Instant now() {
        return now;
    }

    public ZoneId zone() {
        return zone;
    }
}
