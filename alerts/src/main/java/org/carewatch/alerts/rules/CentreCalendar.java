package org.carewatch.alerts.rules;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Centres' opening hours and nap windows, read through core's {@link CentreRepository} and kept in memory (rules are
 * evaluated in-stream, never by querying per reading) and re-read at most once per refresh interval.
 * A centre that cannot be read is treated as open (an alert too many beats a missed one).
 */
public final class CentreCalendar implements Schedules {
    private static final Logger log = LoggerFactory.getLogger(CentreCalendar.class);

    private final CentreRepository centres;
    private final ZoneId zone;
    private final Clock clock;
    private final Duration refreshEvery;
    private volatile Map<Long, CentreHours> hours = Map.of();
    private volatile Instant loadedAt = Instant.MIN;
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();
    private static final Duration MISS_RETRY = Duration.ofSeconds(5);

    public CentreCalendar(CentreRepository centres, ZoneId zone, Clock clock, Duration refreshEvery) {
        this.centres = centres;
        this.zone = zone;
        this.clock = clock;
        this.refreshEvery = refreshEvery;
    }

    @Override
    public boolean applies(String schedule, long centreId, Instant time) {
        if (schedule == null || ALWAYS.equals(schedule)) {
            return true;
        }
        CentreHours h = hours(centreId);
        if (h == null) {
            return !CLOSED_HOURS.equals(schedule) && !NAP.equals(schedule);
        }
        return h.covers(schedule, time.atZone(zone));
    }

    CentreHours hours(long centreId) {
        if (loadedAt == Instant.MIN) {
            synchronized (this) {
                if (loadedAt == Instant.MIN) {
                    reload(); // once, on first use
                }
            }
        }
        CentreHours h = hours.get(centreId);
        Duration age = Duration.between(loadedAt, clock.instant());
        // Never a query on the caller's (ingest) thread after the first: stale hours are used while a
        // virtual thread re-reads them; an unknown centre triggers a re-read at most every few seconds.
        if ((age.compareTo(refreshEvery) > 0 || (h == null && age.compareTo(MISS_RETRY) > 0)) && refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("centre-hours-refresh").start(() -> {
                try {
                    reload();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return h;
    }

    /** Re-reads all centres' hours (at once after a centre's hours change; otherwise every refresh interval). */
    public void reload() {
        Map<Long, CentreHours> out = new ConcurrentHashMap<>();
        try {
            for (Centre c : centres.listAll()) {
                out.put(c.id(), new CentreHours(c.openDays(), c.opensAt(), c.closesAt(), c.napStartsAt(), c.napEndsAt()));
            }
            hours = out;
        } catch (SQLException e) {
            log.warn("cannot read centre hours (keeping the last known): {}", e.getMessage());
        }
        loadedAt = clock.instant();
    }
}
