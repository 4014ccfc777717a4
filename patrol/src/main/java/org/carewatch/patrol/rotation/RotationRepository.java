package org.carewatch.patrol.rotation;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.carewatch.core.store.Transactions;
import org.carewatch.patrol.draw.Seed;
import org.carewatch.patrol.plan.DayPlan;
import org.carewatch.patrol.plan.Pair;
import org.carewatch.patrol.plan.Replan;
import org.carewatch.patrol.publish.DrawRecord;

/** Drawn days ({@code rotation_draws}) and their visits ({@code rotation_visits}). */
public final class RotationRepository {
    private final DataSource ds;

    public RotationRepository(DataSource ds) {
        this.ds = ds;
    }

    /** A stored draw; the seed is the secret until {@code revealAt}. */
    public record StoredDraw(long id, long districtId, LocalDate day, int seq, String kind, Seed seed, DrawRecord record,
                             Instant revealAt, String createdBy, Instant createdAt) {
    }

    public record StoredVisit(long id, long drawId, LocalDate day, int round, long centreId, long officerId, int position,
                              VisitStatus status) {
    }

    /** The day's draw and its re-draws, in order (empty when the day has not been drawn). */
    public List<StoredDraw> current(long districtId, LocalDate day) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, district_id, day, seq, kind, seed, "
                + "seed_commitment, inputs_digest, inputs_json, plan_json, reveal_at, created_by, created_at FROM rotation_draws "
                + "WHERE district_id = ? AND day = ? AND superseded_at IS NULL ORDER BY seq")) {
            ps.setLong(1, districtId);
            ps.setDate(2, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                List<StoredDraw> out = new ArrayList<>();
                while (rs.next()) {
                    Seed seed = new Seed(rs.getBytes(6));
                    out.add(new StoredDraw(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getInt(4), rs.getString(5), seed,
                            new DrawRecord(rs.getString(9), rs.getString(8), rs.getString(7), seed.hex(), rs.getString(10)),
                            rs.getTimestamp(11).toInstant(), rs.getString(12), rs.getTimestamp(13).toInstant()));
                }
                return out;
            }
        }
    }

    /** Every visit of the day (also reassigned ones), by round and position. */
    public List<StoredVisit> visits(long districtId, LocalDate day) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT v.id, v.draw_id, v.day, v.round_index, "
                + "v.centre_id, v.officer_id, v.position, v.status FROM rotation_visits v JOIN rotation_draws d ON d.id = v.draw_id "
                + "WHERE v.district_id = ? AND v.day = ? AND d.superseded_at IS NULL ORDER BY v.round_index, v.officer_id, v.position, v.id")) {
            ps.setLong(1, districtId);
            ps.setDate(2, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                List<StoredVisit> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(visit(rs));
                }
                return out;
            }
        }
    }

    public Optional<StoredVisit> visit(long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, draw_id, day, round_index, centre_id, "
                + "officer_id, position, status FROM rotation_visits WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(visit(rs)) : Optional.empty();
            }
        }
    }

    /** The officer-centre pairs of a day's current plan (to avoid the next day). */
    public List<Pair> pairs(long districtId, LocalDate day) throws SQLException {
        List<Pair> out = new ArrayList<>();
        for (StoredVisit v : visits(districtId, day)) {
            if (v.status() != VisitStatus.REASSIGNED) {
                out.add(new Pair(v.officerId(), v.centreId()));
            }
        }
        return out;
    }

    /** Stores a day's draw with its visits, replacing (superseding) an earlier draw of the same day. */
    public long saveDay(long districtId, LocalDate day, Seed seed, DrawRecord rec, DayPlan plan, Instant revealAt, String createdBy)
            throws SQLException {
        return concurrently(() -> Transactions.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM rotation_visits WHERE draw_id IN (SELECT id FROM rotation_draws "
                    + "WHERE district_id = ? AND day = ? AND superseded_at IS NULL)")) {
                ps.setLong(1, districtId);
                ps.setDate(2, Date.valueOf(day));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE rotation_draws SET superseded_at = now() "
                    + "WHERE district_id = ? AND day = ? AND superseded_at IS NULL")) {
                ps.setLong(1, districtId);
                ps.setDate(2, Date.valueOf(day));
                ps.executeUpdate();
            }
            long drawId = insertDraw(c, districtId, day, 0, "day", seed, rec, revealAt, createdBy);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rotation_visits (draw_id, district_id, day, round_index, centre_id, "
                    + "officer_id, position) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (DayPlan.RoundPlan r : plan.rounds()) {
                    for (DayPlan.OfficerRound a : r.assignments()) {
                        int pos = 1;
                        for (long centre : a.centreIds()) {
                            ps.setLong(1, drawId);
                            ps.setLong(2, districtId);
                            ps.setDate(3, Date.valueOf(day));
                            ps.setInt(4, r.index());
                            ps.setLong(5, centre);
                            ps.setLong(6, a.officerId());
                            ps.setInt(7, pos++);
                            ps.addBatch();
                        }
                    }
                }
                ps.executeBatch();
            }
            return drawId;
        }));
    }

    /** Stores a re-draw: moved visits become reassigned and their new officers get visits at the end of the round. */
    public long saveReplan(long districtId, LocalDate day, Seed seed, DrawRecord rec, List<Replan.Move> moves, Instant revealAt,
                           String createdBy) throws SQLException {
        return concurrently(() -> Transactions.inTransaction(ds, c -> {
            int seq;
            try (PreparedStatement ps = c.prepareStatement("SELECT max(seq) FROM rotation_draws WHERE district_id = ? AND day = ? "
                    + "AND superseded_at IS NULL")) {
                ps.setLong(1, districtId);
                ps.setDate(2, Date.valueOf(day));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    seq = rs.getInt(1) + 1;
                }
            }
            long drawId = insertDraw(c, districtId, day, seq, "replan", seed, rec, revealAt, createdBy);
            for (Replan.Move mv : moves) {
                if (mv.toOfficerId() == null) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE rotation_visits SET status = 'reassigned', updated_at = now() "
                        + "WHERE district_id = ? AND day = ? AND round_index = ? AND centre_id = ? AND officer_id = ? AND status = 'planned'")) {
                    ps.setLong(1, districtId);
                    ps.setDate(2, Date.valueOf(day));
                    ps.setInt(3, mv.round());
                    ps.setLong(4, mv.centreId());
                    ps.setLong(5, mv.fromOfficerId());
                    if (ps.executeUpdate() != 1) {
                        throw new IllegalStateException("visit of centre " + mv.centreId() + " in round " + mv.round() + " changed during the re-draw");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO rotation_visits (draw_id, district_id, day, round_index, centre_id, "
                        + "officer_id, position) SELECT ?, ?, ?, ?, ?, ?, COALESCE(max(position), 0) + 1 FROM rotation_visits "
                        + "WHERE district_id = ? AND day = ? AND round_index = ? AND officer_id = ?")) {
                    ps.setLong(1, drawId);
                    ps.setLong(2, districtId);
                    ps.setDate(3, Date.valueOf(day));
                    ps.setInt(4, mv.round());
                    ps.setLong(5, mv.centreId());
                    ps.setLong(6, mv.toOfficerId());
                    ps.setLong(7, districtId);
                    ps.setDate(8, Date.valueOf(day));
                    ps.setInt(9, mv.round());
                    ps.setLong(10, mv.toOfficerId());
                    ps.executeUpdate();
                }
            }
            return drawId;
        }));
    }

    private interface Save {
        long run() throws SQLException;
    }

    /** Two draws of the same day at once: the second meets the unique index and is told to reload. */
    private static long concurrently(Save save) throws SQLException {
        try {
            return save.run();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new org.carewatch.core.errors.ConflictException("another draw of this day was stored at the same moment; reload the day");
            }
            throw e;
        }
    }

    /** Marks a visit finished (the review records it; finished visits never move). */
    public boolean markReviewed(long visitId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE rotation_visits SET status = 'reviewed', "
                + "updated_at = now() WHERE id = ? AND status = 'planned'")) {
            ps.setLong(1, visitId);
            return ps.executeUpdate() == 1;
        }
    }

    private static long insertDraw(Connection c, long districtId, LocalDate day, int seq, String kind, Seed seed, DrawRecord rec,
                                   Instant revealAt, String createdBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rotation_draws (district_id, day, seq, kind, seed, seed_commitment, "
                + "inputs_digest, inputs_json, plan_json, reveal_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, districtId);
            ps.setDate(2, Date.valueOf(day));
            ps.setInt(3, seq);
            ps.setString(4, kind);
            ps.setBytes(5, seed.bytes());
            ps.setString(6, rec.seedCommitment());
            ps.setString(7, rec.inputsDigest());
            ps.setString(8, rec.inputsJson());
            ps.setString(9, rec.planJson());
            ps.setTimestamp(10, Timestamp.from(revealAt));
            ps.setString(11, createdBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static StoredVisit visit(ResultSet rs) throws SQLException {
        return new StoredVisit(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getInt(4), rs.getLong(5), rs.getLong(6),
                rs.getInt(7), VisitStatus.fromCode(rs.getString(8)));
    }
}
