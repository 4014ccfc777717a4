package org.carewatch.patrol.review;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.store.Transactions;

/**
 * Verdicts, findings and their counts ({@code patrol_verdicts}, {@code patrol_findings},
 * {@code patrol_finding_counts}); a verdict is stored with the visit's change to {@code reviewed} in one
 * transaction, so a visit is finished exactly when it has a verdict.
 */
public final class ReviewRepository {
    private final DataSource ds;

    public ReviewRepository(DataSource ds) {
        this.ds = ds;
    }

    /** A visit's verdict with its findings. */
    public record Verdict(long visitId, long officerId, String verdict, java.time.Instant recordedAt, List<Finding> findings) {
    }

    /** A finding to store: counts already checked and flagged. */
    public record NewFinding(FindingCategory category, String severity, String note, List<Long> frameIds, List<Finding.Count> counts) {
    }

    /** A finding whose alert is still to be raised (or whose frames are still to be released), with where it was seen. */
    public record Pending(long findingId, long visitId, long districtId, long centreId, long officerId, FindingCategory category,
                          String severity, String note, List<Long> frameIds, Long alertId) {
    }

    /** A visit as the review needs it (with its district, which {@code rotation_visits} keeps). */
    public record VisitRow(long id, long districtId, java.time.LocalDate day, int round, long centreId, long officerId, int position,
                           org.carewatch.patrol.rotation.VisitStatus status) {
    }

    public Optional<VisitRow> visit(long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT v.id, v.district_id, v.day, v.round_index, "
                + "v.centre_id, v.officer_id, v.position, v.status FROM rotation_visits v JOIN rotation_draws d ON d.id = v.draw_id "
                + "WHERE v.id = ? AND d.superseded_at IS NULL")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new VisitRow(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getInt(4),
                        rs.getLong(5), rs.getLong(6), rs.getInt(7), org.carewatch.patrol.rotation.VisitStatus.fromCode(rs.getString(8))))
                        : Optional.empty();
            }
        }
    }

    /**
     * Stores the verdict and marks the visit reviewed, both or neither; {@link ConflictException} when the visit
     * is no longer planned (reviewed meanwhile, or reassigned). Returns the findings' ids in order.
     */
    public List<Long> record(long visitId, long districtId, long centreId, long officerId, String verdict, List<NewFinding> findings)
            throws SQLException {
        try {
            return Transactions.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE rotation_visits SET status = 'reviewed', updated_at = now() "
                        + "WHERE id = ? AND status = 'planned'")) {
                    ps.setLong(1, visitId);
                    if (ps.executeUpdate() != 1) {
                        throw new ConflictException("visit " + visitId + " is no longer open for review (already reviewed or reassigned)");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO patrol_verdicts (visit_id, district_id, centre_id, officer_id, "
                        + "verdict) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setLong(1, visitId);
                    ps.setLong(2, districtId);
                    ps.setLong(3, centreId);
                    ps.setLong(4, officerId);
                    ps.setString(5, verdict);
                    ps.executeUpdate();
                }
                List<Long> ids = new ArrayList<>();
                int pos = 0;
                for (NewFinding f : findings) {
                    long id;
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO patrol_findings (visit_id, position, category, severity, "
                            + "note, frame_ids) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
                        ps.setLong(1, visitId);
                        ps.setInt(2, pos++);
                        ps.setString(3, f.category().code());
                        ps.setString(4, f.severity());
                        ps.setString(5, f.note());
                        ps.setArray(6, c.createArrayOf("bigint", f.frameIds().toArray()));
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            id = rs.getLong(1);
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO patrol_finding_counts (finding_id, position, class_id, "
                            + "adults, children, ratio_flag, size_flag) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                        int k = 0;
                        for (Finding.Count n : f.counts()) {
                            ps.setLong(1, id);
                            ps.setInt(2, k++);
                            ps.setLong(3, n.classId());
                            ps.setInt(4, n.adults());
                            ps.setInt(5, n.children());
                            ps.setBoolean(6, n.ratioFlag());
                            ps.setBoolean(7, n.sizeFlag());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    ids.add(id);
                }
                return ids;
            });
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new ConflictException("visit " + visitId + " already has a verdict");
            }
            throw e;
        }
    }

    public Optional<Verdict> verdict(long visitId) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Verdict v;
            try (PreparedStatement ps = c.prepareStatement("SELECT officer_id, verdict, recorded_at FROM patrol_verdicts WHERE visit_id = ?")) {
                ps.setLong(1, visitId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    v = new Verdict(visitId, rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), List.of());
                }
            }
            Map<Long, List<Finding.Count>> counts = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT n.finding_id, n.class_id, n.adults, n.children, n.ratio_flag, n.size_flag "
                    + "FROM patrol_finding_counts n JOIN patrol_findings f ON f.id = n.finding_id WHERE f.visit_id = ? "
                    + "ORDER BY n.finding_id, n.position")) {
                ps.setLong(1, visitId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(new Finding.Count(rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getBoolean(5), rs.getBoolean(6)));
                    }
                }
            }
            List<Finding> findings = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, position, category, severity, note, frame_ids, alert_id "
                    + "FROM patrol_findings WHERE visit_id = ? ORDER BY position")) {
                ps.setLong(1, visitId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        long alert = rs.getLong(7);
                        findings.add(new Finding(id, rs.getInt(2), FindingCategory.fromCode(rs.getString(3)).orElseThrow(), rs.getString(4),
                                rs.getString(5), ids(rs.getArray(6)), counts.getOrDefault(id, List.of()), rs.wasNull() ? null : alert));
                    }
                }
            }
            return Optional.of(new Verdict(v.visitId(), v.officerId(), v.verdict(), v.recordedAt(), findings));
        }
    }

    /** The verdicts recorded on these visits (visit id to verdict code). */
    public Map<Long, String> verdicts(List<Long> visitIds) throws SQLException {
        Map<Long, String> out = new LinkedHashMap<>();
        if (visitIds.isEmpty()) {
            return out;
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT visit_id, verdict FROM patrol_verdicts WHERE visit_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", visitIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    public void setAlert(long findingId, long alertId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE patrol_findings SET alert_id = ? WHERE id = ? AND alert_id IS NULL")) {
            ps.setLong(1, alertId);
            ps.setLong(2, findingId);
            ps.executeUpdate();
        }
    }

    /**
     * Findings whose alert was not raised (the node stopped or the raise failed after the verdict was stored), a
     * minute after their verdict, so a retry does not race the verdict's own raise.
     */
    public List<Pending> withoutAlert() throws SQLException {
        return pending("f.alert_id IS NULL AND v.recorded_at < now() - interval '1 minute'");
    }

    /** Suspected-abuse findings whose frames are still protected by their alert. */
    public List<Pending> protectedAbuse() throws SQLException {
        return pending("f.category = 'suspected_abuse' AND f.alert_id IS NOT NULL AND f.frames_released_at IS NULL");
    }

    /** The suspected-abuse finding that raised this alert, if any. */
    public Optional<Pending> abuseByAlert(long alertId) throws SQLException {
        return pending("f.category = 'suspected_abuse' AND f.alert_id = " + alertId).stream().findFirst();
    }

    /** Records that the alert's frames were released ({@code released} true) or protected again (false). */
    public void markReleased(long alertId, boolean released) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE patrol_findings SET frames_released_at = " + (released ? "now()" : "NULL") + " WHERE alert_id = ?")) {
            ps.setLong(1, alertId);
            ps.executeUpdate();
        }
    }

    private List<Pending> pending(String where) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT f.id, f.visit_id, v.district_id, "
                + "v.centre_id, v.officer_id, f.category, f.severity, f.note, f.frame_ids, f.alert_id FROM patrol_findings f "
                + "JOIN patrol_verdicts v ON v.visit_id = f.visit_id WHERE " + where + " ORDER BY f.id LIMIT 500")) {
            try (ResultSet rs = ps.executeQuery()) {
                List<Pending> out = new ArrayList<>();
                while (rs.next()) {
                    long alert = rs.getLong(10);
                    out.add(new Pending(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            FindingCategory.fromCode(rs.getString(6)).orElseThrow(), rs.getString(7), rs.getString(8), ids(rs.getArray(9)),
                            rs.wasNull() ? null : alert));
                }
                return out;
            }
        }
    }

    private static List<Long> ids(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((Long[]) a.getArray());
    }
}
