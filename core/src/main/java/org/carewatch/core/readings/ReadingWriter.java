package org.carewatch.core.readings;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
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
 * Writes one {@link ReadingBatch} in one transaction: readings by COPY into a session-local staging
 * table, then {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} into {@code readings} (so QoS 1
 * redelivery and spool replay never make duplicate rows); with the rollup table ({@link HourlyRollup#TABLE})
 * the hours touched are marked for the {@link RollupJob}, with the continuous aggregate TimescaleDB tracks
 * them itself and nothing is marked. Device events and rejected messages go in the same transaction. Blocking; one caller
 * at a time per instance.
 */
public final class ReadingWriter {
    private static final String STAGING = "CREATE TEMP TABLE IF NOT EXISTS readings_staging "
            + "(time timestamptz, centre_id bigint, sensor_id bigint, metric text, value double precision) ON COMMIT DELETE ROWS";

    private static final String MERGE = "INSERT INTO readings (time, centre_id, sensor_id, metric, value) "
            + "SELECT time, centre_id, sensor_id, metric, value FROM readings_staging ON CONFLICT DO NOTHING";
    private static final String MARK_DIRTY = "INSERT INTO rollup_dirty (bucket) VALUES (?) ON CONFLICT DO NOTHING";

    private final DataSource ds;
    private final int rejectedKeep;
    private final boolean markDirtyHours;

    /** @param rollup the store's hourly rollup ({@link HourlyRollup#of}), fixed for the writer's life */
    public ReadingWriter(DataSource ds, int rejectedKeep, HourlyRollup rollup) {
        this.ds = ds;
        this.rejectedKeep = rejectedKeep;
        this.markDirtyHours = rollup == HourlyRollup.TABLE;
    }

    /** @return readings newly inserted (fewer than the batch holds when some were already stored) */
    public long write(ReadingBatch batch) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                long inserted = batch.readings().isEmpty() ? 0 : insertReadings(c, batch.readings());
                insertEvents(c, batch.events());
                insertRejected(c, batch.rejected());
                c.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private long insertReadings(Connection c, List<Reading> readings) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(STAGING);
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        try (Reader in = new StringReader(copyText(readings))) {
            copy.copyIn("COPY readings_staging (time, centre_id, sensor_id, metric, value) FROM STDIN", in);
        } catch (IOException e) {
            throw new SQLException("COPY into readings_staging failed: " + e.getMessage(), e);
        }
        long inserted;
        try (Statement st = c.createStatement()) {
            inserted = st.executeUpdate(MERGE);
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

    /** PostgreSQL COPY text format: tab-separated, backslash escapes. */
    static String copyText(List<Reading> readings) {
        StringBuilder sb = new StringBuilder(readings.size() * 64);
        for (Reading r : readings) {
            sb.append(r.time()).append('\t').append(r.centreId()).append('\t').append(r.sensorId()).append('\t');
            escape(sb, r.metric());
            sb.append('\t').append(r.value()).append('\n');
        }
        return sb.toString();
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
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
