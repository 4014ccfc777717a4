package org.carewatch.patrol.frames;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code patrol_frames} table: the read API the review uses ({@link #forCentreRound}, {@link #find},
 * {@link #protect}, {@link #release}) and the writes of the sampler and the purge. Database errors are
 * unchecked ({@link StoreException}) so that callers on either side need no SQL types.
 */
public final class FrameRepository {
    private static final String COLUMNS = "id, district_id, day, round_index, centre_id, camera_id, taken_at, width, height, bytes, "
            + "quality, problem, protected_by_alert, purged_at";

    private final DataSource ds;

    public FrameRepository(DataSource ds) {
        this.ds = ds;
    }

    /** A database failure in this repository. */
    public static final class StoreException extends RuntimeException {
        StoreException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A frame's file, relative to the frames folder (internal to sampling, serving and purge). */
    record StoredFile(long id, String filePath) {
    }

    /** The frames of one centre in one round, newest sampling first, then by camera. */
    public List<PatrolFrame> forCentreRound(long districtId, LocalDate day, int roundIndex, long centreId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM patrol_frames WHERE district_id = ? AND day = ? AND round_index = ? AND centre_id = ? "
                + "ORDER BY created_at DESC, camera_id, id")) {
            ps.setLong(1, districtId);
            ps.setDate(2, Date.valueOf(day));
            ps.setInt(3, roundIndex);
            ps.setLong(4, centreId);
            return list(ps);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public Optional<PatrolFrame> find(long id) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM patrol_frames WHERE id = ?")) {
            ps.setLong(1, id);
            List<PatrolFrame> found = list(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Keeps these frames past the retention for as long as the alert is open (a suspected-abuse finding). */
    public void protect(Collection<Long> frameIds, long alertId) {
        if (frameIds.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE patrol_frames SET protected_by_alert = ? WHERE id = ANY (?)")) {
            Array ids = c.createArrayOf("bigint", frameIds.toArray());
            ps.setLong(1, alertId);
            ps.setArray(2, ids);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Drops the alert's protection (the purge then treats its frames like any other). */
    public void release(long alertId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE patrol_frames SET protected_by_alert = NULL WHERE protected_by_alert = ?")) {
            ps.setLong(1, alertId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Stores a sampled picture; returns its id. */
    long insertFrame(long districtId, LocalDate day, int roundIndex, long centreId, long cameraId, Instant takenAt, String filePath,
                     int width, int height, int bytes, String quality) {
        return insert(districtId, day, roundIndex, centreId, cameraId, takenAt, filePath, width, height, bytes, quality, null);
    }

    /** Records that a camera gave no picture, with the message key saying why; returns its id. */
    long insertProblem(long districtId, LocalDate day, int roundIndex, long centreId, long cameraId, String problem) {
        return insert(districtId, day, roundIndex, centreId, cameraId, null, null, 0, 0, 0, null, problem);
    }

    private long insert(long districtId, LocalDate day, int roundIndex, long centreId, long cameraId, Instant takenAt, String filePath,
                        int width, int height, int bytes, String quality, String problem) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO patrol_frames (district_id, day, "
                + "round_index, centre_id, camera_id, taken_at, file_path, width, height, bytes, quality, problem) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, districtId);
            ps.setDate(2, Date.valueOf(day));
            ps.setInt(3, roundIndex);
            ps.setLong(4, centreId);
            ps.setLong(5, cameraId);
            ps.setTimestamp(6, takenAt == null ? null : Timestamp.from(takenAt));
            ps.setString(7, filePath);
            setInt(ps, 8, filePath == null ? null : width);
            setInt(ps, 9, filePath == null ? null : height);
            setInt(ps, 10, filePath == null ? null : bytes);
            ps.setString(11, quality);
            ps.setString(12, problem);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The stored file of a frame that has one and is not purged. */
    Optional<StoredFile> file(long id) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, file_path FROM patrol_frames WHERE id = ? AND file_path IS NOT NULL AND purged_at IS NULL")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredFile(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** A frame with a file, created before the cut-off, not purged: a purge candidate with its protecting alert. */
    record PurgeCandidate(long id, long districtId, String filePath, Long protectedByAlert) {
    }

    /** Up to {@code limit} purge candidates created before {@code before} with an id above {@code afterId}, by id. */
    List<PurgeCandidate> purgeCandidates(Instant before, long afterId, int limit) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, district_id, file_path, protected_by_alert "
                + "FROM patrol_frames WHERE purged_at IS NULL AND file_path IS NOT NULL AND created_at < ? AND id > ? ORDER BY id LIMIT ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            ps.setLong(2, afterId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<PurgeCandidate> out = new ArrayList<>();
                while (rs.next()) {
                    long alert = rs.getLong(4);
                    Long protectedBy = rs.wasNull() ? null : alert;
                    out.add(new PurgeCandidate(rs.getLong(1), rs.getLong(2), rs.getString(3), protectedBy));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Marks a frame's file as deleted. */
    void markPurged(long id, Instant at) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE patrol_frames SET purged_at = ? WHERE id = ? AND purged_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Whether any frame was sampled (picture or problem) for this district, day and round. */
    boolean sampled(long districtId, LocalDate day, int roundIndex) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM patrol_frames WHERE district_id = ? AND day = ? AND round_index = ? LIMIT 1")) {
            ps.setLong(1, districtId);
            ps.setDate(2, Date.valueOf(day));
            ps.setInt(3, roundIndex);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, java.sql.Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static List<PatrolFrame> list(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<PatrolFrame> out = new ArrayList<>();
            while (rs.next()) {
                Timestamp taken = rs.getTimestamp(7);
                long alert = rs.getLong(13);
                Long protectedBy = rs.wasNull() ? null : alert;
                Timestamp purged = rs.getTimestamp(14);
                out.add(new PatrolFrame(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getInt(4), rs.getLong(5),
                        rs.getLong(6), taken == null ? null : taken.toInstant(), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                        rs.getString(11), rs.getString(12), protectedBy, purged == null ? null : purged.toInstant()));
            }
            return out;
        }
    }
}
