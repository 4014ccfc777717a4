package org.carewatch.core.readings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes one {@link ReadingBatch} in one transaction: readings by binary COPY straight into
 * {@code readings}; when that hits the unique index (QoS 1 redelivery, spool replay of a batch that was
 * stored after all), the transaction is rolled back and the batch is written again through a
 * session-local staging table and {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}, so duplicates never
 * make rows and the usual batch costs one COPY. With the rollup table ({@link HourlyRollup#TABLE}) the
 * hours touched are marked for the {@link RollupJob}; with the continuous aggregate TimescaleDB tracks them
 * itself and nothing is marked. The newest hour of each (sensor, metric), which the latest-value view reads,
 * is kept by {@link MetricHours}. Device events and rejected messages go in the same transaction.
 * Blocking; one caller at a time per instance.
 */
public final class ReadingWriter {
    private static final String STAGING = "CREATE TEMP TABLE IF NOT EXISTS readings_staging "
            + "(time timestamptz, centre_id bigint, sensor_id bigint, metric text, value double precision) ON COMMIT DELETE ROWS";

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String MERGE = "INSERT INTO readings (time, centre_id, sensor_id, metric, value) "
            + "SELECT time, centre_id, sensor_id, metric, value FROM readings_staging ON CONFLICT DO NOTHING";
    private static final String MARK_DIRTY = "INSERT INTO rollup_dirty (bucket) VALUES (?) ON CONFLICT DO NOTHING";

    private final DataSource ds;
    private final int rejectedKeep;
    private final boolean markDirtyHours;
    private final MetricHours metricHours = new MetricHours();

    /** @param rollup the store's hourly rollup ({@link HourlyRollup#of}), fixed for the writer's life */
    public ReadingWriter(DataSource ds, int rejectedKeep, HourlyRollup rollup) {
        this.ds = ds;
        this.rejectedKeep = rejectedKeep;
        this.markDirtyHours = rollup == HourlyRollup.TABLE;
    }

    /** @return readings newly inserted (fewer than the batch holds when some were already stored) */
    public long write(ReadingBatch batch) throws SQLException {
        try {
            return write(batch, false);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            return write(batch, true);
        }
    }

    private long write(ReadingBatch batch, boolean dedupe) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                long inserted = 0;
                var hours = java.util.Map.<MetricHours.Key, Long>of();
                if (!batch.readings().isEmpty()) {
                    inserted = insertReadings(c, batch.readings(), dedupe);
                    hours = metricHours.record(c, batch.readings());
                }
                insertEvents(c, batch.events());
                insertRejected(c, batch.rejected());
                c.commit();
                metricHours.committed(hours);
                return inserted;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private long insertReadings(Connection c, List<Reading> readings, boolean dedupe) throws SQLException {
        long inserted;
        if (dedupe) {
            try (Statement st = c.createStatement()) {
                st.execute(STAGING);
            }
            copy(c, "readings_staging", readings);
            try (Statement st = c.createStatement()) {
                inserted = st.executeUpdate(MERGE);
            }
        } else {
            inserted = copy(c, "readings", readings);
        }
        if (markDirtyHours) {
            markDirty(c, readings);
        }
        return inserted;
    }

    private static void markDirty(Connection c, List<Reading> readings) throws SQLException {
        java.util.TreeSet<Long> hours = new java.util.TreeSet<>();
        for (Reading r : readings) {
            hours.add(Math.floorDiv(r.time().getEpochSecond(), 3600L));
        }
        try (PreparedStatement ps = c.prepareStatement(MARK_DIRTY)) {
            for (long h : hours) {
                ps.setTimestamp(1, Timestamp.from(java.time.Instant.ofEpochSecond(h * 3600)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static long copy(Connection c, String table, List<Reading> readings) throws SQLException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        try (InputStream in = new ByteArrayInputStream(ReadingCopyBinary.encode(readings))) {
            return copy.copyIn("COPY " + table + " " + ReadingCopyBinary.COLUMNS + " FROM STDIN (FORMAT binary)", in);
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), e);
        }
    }

    private static void insertEvents(Connection c, List<DeviceEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_events (time, sensor_id, centre_id, online, reason) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (DeviceEvent e : events) {
                ps.setTimestamp(1, Timestamp.from(e.time()));
                ps.setLong(2, e.sensorId());
                ps.setLong(3, e.centreId());
                ps.setBoolean(4, e.online());
                ps.setString(5, e.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertRejected(Connection c, List<RejectedMessage> rejected) throws SQLException {
        if (rejected.isEmpty() || rejectedKeep == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rejected_messages (time, topic, kind, reason, payload_bytes, excerpt) "
                + "VALUES (?, ?, ?, ?, ?, ?)")) {
            for (RejectedMessage r : rejected) {
                ps.setTimestamp(1, Timestamp.from(r.time()));
                ps.setString(2, r.topic());
                ps.setString(3, r.kind().code());
                ps.setString(4, r.reason());
                ps.setInt(5, r.payloadBytes());
                ps.setString(6, r.excerpt().replace('\0', '?'));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // Keeps the table bounded: identity ids grow, so the newest rejectedKeep rows are the highest ids.
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM rejected_messages WHERE id <= (SELECT max(id) FROM rejected_messages) - ?")) {
            ps.setLong(1, rejectedKeep);
            ps.executeUpdate();
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }
}
