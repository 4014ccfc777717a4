package org.carewatch.patrol.coverage;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** {@code patrol_overdue_visits}: the visits not reviewed by the end of their round, each claimed once with its alert. */
public final class OverdueRepository {
    private final DataSource ds;

    public OverdueRepository(DataSource ds) {
        this.ds = ds;
    }

    /** A planned (unreviewed) visit of the current plan that has no overdue alert yet. */
    public record Candidate(long visitId, long districtId, LocalDate day, int round, long centreId, long officerId) {
    }

    /** Unreviewed visits from {@code fromDay} on without a raised overdue alert. */
    public List<Candidate> candidates(LocalDate fromDay) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT v.id, v.district_id, v.day, v.round_index, "
                + "v.centre_id, v.officer_id FROM rotation_visits v JOIN rotation_draws d ON d.id = v.draw_id AND d.superseded_at IS NULL "
                + "LEFT JOIN patrol_overdue_visits o ON o.visit_id = v.id WHERE v.status = 'planned' AND v.day >= ? "
                + "AND (o.visit_id IS NULL OR o.alert_id IS NULL) ORDER BY v.district_id, v.day, v.id LIMIT 5000")) {
            ps.setDate(1, Date.valueOf(fromDay));
            try (ResultSet rs = ps.executeQuery()) {
                List<Candidate> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Candidate(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getInt(4), rs.getLong(5), rs.getLong(6)));
                }
                return out;
            }
        }
    }

    /**
     * Claims the visit for raising its one overdue alert: true for the caller that inserted the claim, or that
     * takes over a claim left without an alert for five minutes (its raiser failed or stopped); false otherwise,
     * so two checks at once (threads or nodes) never raise the same alert together.
     */
    public boolean claim(long visitId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO patrol_overdue_visits (visit_id) VALUES (?) ON CONFLICT (visit_id) DO UPDATE SET claimed_at = now() "
                        + "WHERE patrol_overdue_visits.alert_id IS NULL AND patrol_overdue_visits.claimed_at < now() - interval '5 minutes' "
                        + "RETURNING visit_id")) {
            ps.setLong(1, visitId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void setAlert(long visitId, long alertId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE patrol_overdue_visits SET alert_id = ? WHERE visit_id = ?")) {
            ps.setLong(1, alertId);
            ps.setLong(2, visitId);
            ps.executeUpdate();
        }
    }

    /** The visits of a district's day that were found overdue. */
    public Set<Long> overdue(long districtId, LocalDate day) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT o.visit_id FROM patrol_overdue_visits o "
                + "JOIN rotation_visits v ON v.id = o.visit_id WHERE v.district_id = ? AND v.day = ?")) {
            ps.setLong(1, districtId);
            ps.setDate(2, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                Set<Long> out = new HashSet<>();
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
                return out;
            }
        }
    }

    /** The overdue alert of a visit, if one was raised. */
    public java.util.Optional<Long> alertOf(long visitId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT alert_id FROM patrol_overdue_visits WHERE visit_id = ? AND alert_id IS NOT NULL")) {
            ps.setLong(1, visitId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getLong(1)) : java.util.Optional.empty();
            }
        }
    }
}
