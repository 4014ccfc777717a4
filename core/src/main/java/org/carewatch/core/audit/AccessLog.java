package org.carewatch.core.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The append-only, hash-chained log of every view of children's video. Each row's hash covers its
 * content and the previous row's hash; appends are serialised by a transaction-scoped advisory lock so
 * the chain has no forks, even with several nodes.
 */
public final class AccessLog {
    private static final long LOCK_KEY = 0x4341524557415443L; // "CAREWATC"
    static final byte[] GENESIS = new byte[32];

    private final DataSource ds;

    public AccessLog(DataSource ds) {
        this.ds = ds;
    }

    public void append(AccessRecord r) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, LOCK_KEY);
                    lock.execute();
                }
                byte[] prev = GENESIS;
                try (PreparedStatement last = c.prepareStatement("SELECT hash FROM access_log ORDER BY id DESC LIMIT 1");
                     ResultSet rs = last.executeQuery()) {
                    if (rs.next()) {
                        prev = rs.getBytes(1);
                    }
                }
                // Timestamps are stored with microsecond precision; hash what the database will keep.
                var time = r.time().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                AccessRecord kept = new AccessRecord(time, r.userId(), r.username(), r.role(), r.action(), r.objectType(), r.objectId(),
                        r.centreId(), clip(r.purpose(), 500), clip(r.client(), 200), r.durationMs());
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO access_log (time, user_id, username, role, action, object_type, "
                        + "object_id, centre_id, purpose, client, prev_hash, hash, duration_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    ins.setTimestamp(1, Timestamp.from(time));
                    ins.setLong(2, kept.userId());
                    ins.setString(3, kept.username());
                    ins.setString(4, kept.role());
                    ins.setString(5, kept.action());
                    ins.setString(6, kept.objectType());
                    ins.setLong(7, kept.objectId());
                    ins.setLong(8, kept.centreId());
                    ins.setString(9, kept.purpose());
                    ins.setString(10, kept.client());
                    ins.setBytes(11, prev);
                    ins.setBytes(12, hash(prev, kept));
                    if (kept.durationMs() == null) {
                        ins.setNull(13, java.sql.Types.BIGINT);
                    } else {
                        ins.setLong(13, kept.durationMs());
                    }
                    ins.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The result of walking the chain: rows checked and the id of the first broken row, if any. */
    public record Verification(long rows, Optional<Long> firstBrokenId, String problem) {
        public boolean intact() {
            return firstBrokenId.isEmpty();
        }
    }

    public Verification verify() throws SQLException {
        long rows = 0;
        byte[] prev = GENESIS;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, time, user_id, username, role, action, object_type, object_id, "
                    + "centre_id, purpose, client, prev_hash, hash, duration_ms FROM access_log ORDER BY id")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        long id = rs.getLong("id");
                        AccessRecord r = new AccessRecord(rs.getTimestamp("time").toInstant(), rs.getLong("user_id"), rs.getString("username"),
                                rs.getString("role"), rs.getString("action"), rs.getString("object_type"), rs.getLong("object_id"),
                                rs.getLong("centre_id"), rs.getString("purpose"), rs.getString("client"),
                                rs.getObject("duration_ms") == null ? null : rs.getLong("duration_ms"));
                        if (!Arrays.equals(prev, rs.getBytes("prev_hash"))) {
                            return new Verification(rows, Optional.of(id), "row " + id + " does not follow the previous row (a row was removed or inserted)");
                        }
                        byte[] expected = hash(prev, r);
                        if (!Arrays.equals(expected, rs.getBytes("hash"))) {
                            return new Verification(rows, Optional.of(id), "row " + id + " was altered after it was written");
                        }
                        prev = expected;
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return new Verification(rows, Optional.empty(), null);
    }

    static byte[] hash(byte[] prev, AccessRecord r) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(prev);
            field(md, r.time().toString());
            field(md, Long.toString(r.userId()));
            field(md, r.username());
            field(md, r.role());
            field(md, r.action());
            field(md, r.objectType());
            field(md, Long.toString(r.objectId()));
            field(md, Long.toString(r.centreId()));
            field(md, r.purpose());
            field(md, r.client());
            if (r.durationMs() != null) {
                // Only rows that have one hash it, so rows written before the column existed verify unchanged.
                field(md, "duration_ms=" + r.durationMs());
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Length-prefixed, so moving text between fields changes the hash. */
    private static void field(MessageDigest md, String s) {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        md.update(ByteBuffer.allocate(4).putInt(b.length).array());
        md.update(b);
    }

    private static String clip(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
