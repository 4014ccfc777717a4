package org.carewatch.alerts.rules;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.carewatch.profiles.sensor.Severity;

/** The {@code alert_rule_overrides} table. */
public final class RuleOverrideRepository {
    private final DataSource ds;

    public RuleOverrideRepository(DataSource ds) {
        this.ds = ds;
    }

    public void save(RuleOverride o) throws SQLException {
        try (Connection c = ds.getConnection()) {
            save(c, o);
        }
    }

    /** Inserts or replaces the override on the caller's connection (and transaction). */
    public static void save(Connection c, RuleOverride o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alert_rule_overrides (centre_id, profile_id, rule_id, enabled, threshold, clear_threshold, for_duration, "
                        + "severity, schedule) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (centre_id, profile_id, rule_id) DO UPDATE SET "
                        + "enabled = EXCLUDED.enabled, threshold = EXCLUDED.threshold, clear_threshold = EXCLUDED.clear_threshold, "
                        + "for_duration = EXCLUDED.for_duration, severity = EXCLUDED.severity, schedule = EXCLUDED.schedule")) {
            ps.setLong(1, o.centreId());
            ps.setString(2, o.profileId());
            ps.setString(3, o.ruleId());
            ps.setBoolean(4, o.enabled());
            ps.setObject(5, o.threshold(), Types.DOUBLE);
            ps.setObject(6, o.clearThreshold(), Types.DOUBLE);
            ps.setString(7, o.forDuration() == null ? null : o.forDuration().toString());
            ps.setString(8, o.severity() == null ? null : o.severity().id());
            ps.setString(9, o.schedule());
            ps.executeUpdate();
        }
    }

    /** The override of one rule at a centre, locked for the rest of the caller's transaction. */
    public static Optional<RuleOverride> findForUpdate(Connection c, long centreId, String profileId, String ruleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE centre_id = ? AND profile_id = ? AND rule_id = ? FOR UPDATE")) {
            ps.setLong(1, centreId);
            ps.setString(2, profileId);
            ps.setString(3, ruleId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Removes the override on the caller's connection; false when there was none. */
    public static boolean delete(Connection c, long centreId, String profileId, String ruleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_rule_overrides WHERE centre_id = ? AND profile_id = ? AND rule_id = ?")) {
            ps.setLong(1, centreId);
            ps.setString(2, profileId);
            ps.setString(3, ruleId);
            return ps.executeUpdate() > 0;
        }
    }

    public List<RuleOverride> all() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT); ResultSet rs = ps.executeQuery()) {
            List<RuleOverride> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        }
    }

    private static final String SELECT = "SELECT centre_id, profile_id, rule_id, enabled, threshold, clear_threshold, for_duration, severity, "
            + "schedule FROM alert_rule_overrides";

    private static RuleOverride row(ResultSet rs) throws SQLException {
        String d = rs.getString(7);
        String s = rs.getString(8);
        return new RuleOverride(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                (Double) rs.getObject(5), (Double) rs.getObject(6), d == null ? null : Duration.parse(d),
                s == null ? null : Severity.valueOf(s.toUpperCase(Locale.ROOT)), rs.getString(9));
    }
}
