package org.carewatch.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.carewatch.core.config.RetentionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes time-series rows past their retention where the database has no retention policy of its own
 * (plain PostgreSQL, or TimescaleDB without policies). On plain tables it deletes in small batches so it
 * never holds long locks or bloats one transaction; on hypertables (TimescaleDB's Apache edition) it drops
 * the chunks that lie wholly before the cutoff, as TimescaleDB's own retention policy would.
 */
public final class RetentionJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    static final int BATCH = 10_000;

    private final Store store;
    private final RetentionConfig retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("retention").factory());

    public RetentionJob(Store store, RetentionConfig retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    public void start(Duration every) {
        if (store.features().retentionPolicies()) {
            return;
        }
        timer.scheduleWithFixedDelay(this::runQuietly, 1, every.toSeconds(), TimeUnit.SECONDS);
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (SQLException | RuntimeException e) {
            log.warn("retention run failed, will retry: {}", e.getMessage());
        }
    }

    /** @return rows deleted in all tables */
    public long runOnce() throws SQLException {
        long total = 0;
        for (TimeSeriesTable t : TimeSeriesTable.ALL) {
            var keep = retention.forTable(t.name());
            if (keep.isPresent()) {
                Instant before = clock.instant().minus(keep.get());
                total += store.features().hypertables() ? dropChunks(t.name(), before) : purge(t.name(), before);
            }
        }
        return total;
    }

    private long purge(String table, Instant before) throws SQLException {
        long deleted = 0;
        String sql = "DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table + " WHERE time < ? LIMIT " + BATCH + ")";
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            while (true) {
                int n;
                try (Statement st = c.createStatement(); PreparedStatement ps = c.prepareStatement(sql)) {
                    st.execute("SET LOCAL carewatch.retention = 'on'");
                    ps.setTimestamp(1, Timestamp.from(before));
                    n = ps.executeUpdate();
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
                deleted += n;
                if (n < BATCH) {
                    break;
                }
            }
        }
        if (deleted > 0) {
            log.info("retention removed {} rows from {} older than {}", deleted, table, before);
        }
        return deleted;
    }

    /**
     * On a hypertable a ctid is only unique within one chunk, so the batched delete of {@link #purge} would
     * also hit newer rows; whole expired chunks are dropped instead (no row triggers fire for that).
     */
    private long dropChunks(String table, Instant before) throws SQLException {
        long deleted = 0;
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement chunks = c.prepareStatement("SELECT show_chunks(?::regclass, older_than => ?::timestamptz)::text");
                 PreparedStatement drop = c.prepareStatement("SELECT drop_chunks(?::regclass, older_than => ?::timestamptz)");
                 Statement st = c.createStatement()) {
                chunks.setString(1, table);
                chunks.setTimestamp(2, Timestamp.from(before));
                try (var rs = chunks.executeQuery()) {
                    while (rs.next()) {
                        // Chunk names come from TimescaleDB itself (schema-qualified and quoted by regclass).
                        try (var count = st.executeQuery("SELECT count(*) FROM " + rs.getString(1))) {
                            count.next();
                            deleted += count.getLong(1);
                        }
                    }
                }
                drop.setString(1, table);
                drop.setTimestamp(2, Timestamp.from(before));
                drop.execute();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        if (deleted > 0) {
            log.info("retention dropped chunks of {} older than {} ({} rows)", table, before, deleted);
        }
        return deleted;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
