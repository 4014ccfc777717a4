package org.carewatch.core.readings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintains {@code readings_hourly}: recomputes each closed hour marked in {@code rollup_dirty} from the
 * raw readings (replacing, never adding, so reruns and late data give exact figures). The marker is
 * claimed with {@code DELETE ... RETURNING} in the same transaction, so several nodes never do the same
 * hour twice, and a batch that lands while an hour is being recomputed marks it again.
 */
public final class RollupJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RollupJob.class);
    private static final String ORIGIN = "timestamptz '2000-01-01 00:00:00+00'";

    private final DataSource ds;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("rollup").factory());

    public RollupJob(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    public void start(Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (SQLException | RuntimeException e) {
                log.warn("hourly rollup failed, will retry: {}", e.getMessage());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Rolls up every dirty closed hour; returns how many hours were recomputed. */
    public int runOnce() throws SQLException {
        Instant openHour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        List<Instant> dirty = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT bucket FROM rollup_dirty WHERE bucket < ? ORDER BY bucket")) {
            ps.setTimestamp(1, Timestamp.from(openHour));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dirty.add(rs.getTimestamp(1).toInstant());
                }
            }
        }
        int done = 0;
        for (Instant hour : dirty) {
            if (rollUp(hour)) {
                done++;
            }
        }
        return done;
    }

    private boolean rollUp(Instant hour) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement claim = c.prepareStatement("DELETE FROM rollup_dirty WHERE bucket = ? RETURNING bucket")) {
                    claim.setTimestamp(1, Timestamp.from(hour));
                    try (ResultSet rs = claim.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return false; // another node took it
                        }
                    }
                }
                try (PreparedStatement del = c.prepareStatement("DELETE FROM readings_hourly WHERE bucket = ?")) {
                    del.setTimestamp(1, Timestamp.from(hour));
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO readings_hourly (bucket, sensor_id, metric, centre_id, n, sum, min, max) "
                                + "SELECT ?, sensor_id, metric, min(centre_id), count(*), sum(value), min(value), max(value) "
                                + "FROM readings WHERE time >= ? AND time < ? GROUP BY sensor_id, metric")) {
                    ins.setTimestamp(1, Timestamp.from(hour));
                    ins.setTimestamp(2, Timestamp.from(hour));
                    ins.setTimestamp(3, Timestamp.from(hour.plus(Duration.ofHours(1))));
                    ins.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    static String origin() {
        return ORIGIN;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
