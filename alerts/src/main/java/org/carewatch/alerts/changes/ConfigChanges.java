package org.carewatch.alerts.changes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.carewatch.alerts.model.JsonDetail;
import org.carewatch.core.users.Principal;

/**
 * The append-only {@code alert_config_changes} record of who changed a rule override or a webhook.
 * Written on the caller's connection, inside the transaction of the change itself, so a change is never
 * committed without its record. (The camera access log, {@code core/.../audit/AccessLog}, is the log of
 * views of children's images; configuration changes are kept apart from it.)
 */
public final class ConfigChanges {
    public static final String RULE_SET = "rule_override.set";
    public static final String RULE_DELETE = "rule_override.delete";
    public static final String WEBHOOK_CREATE = "webhook.create";
    public static final String WEBHOOK_UPDATE = "webhook.update";
    public static final String WEBHOOK_DELETE = "webhook.delete";

    private final DataSource ds;

    public ConfigChanges(DataSource ds) {
        this.ds = ds;
    }

    public record Change(long id, Instant time, String username, String role, String action, String object, Long districtId,
                         Long centreId, Map<String, Object> before, Map<String, Object> after) {
    }

    /** Appends one record on {@code c} (the change's own transaction). */
    public static void record(Connection c, Principal who, String action, String object, Long districtId, Long centreId,
                              Map<String, Object> before, Map<String, Object> after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_config_changes (user_id, username, role, action, object, "
                + "district_id, centre_id, before, after) VALUES (?,?,?,?,?,?,?,?::jsonb,?::jsonb)")) {
            ps.setLong(1, who.userId());
            ps.setString(2, who.username());
            ps.setString(3, who.role().code());
            ps.setString(4, action);
            ps.setString(5, object);
            ps.setObject(6, districtId, Types.BIGINT);
            ps.setObject(7, centreId, Types.BIGINT);
            ps.setString(8, before == null ? null : JsonDetail.write(before));
            ps.setString(9, after == null ? null : JsonDetail.write(after));
            ps.executeUpdate();
        }
    }

    /** The newest changes of one centre's rule overrides first. */
    public List<Change> forCentre(long centreId, int limit) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, time, username, role, action, object, "
                + "district_id, centre_id, before::text, after::text FROM alert_config_changes WHERE centre_id = ? ORDER BY id DESC LIMIT ?")) {
            ps.setLong(1, centreId);
            ps.setInt(2, limit);
            return read(ps);
        }
    }

    /** The newest changes of one webhook first. */
    public List<Change> forWebhook(long webhookId, int limit) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, time, username, role, action, object, "
                + "district_id, centre_id, before::text, after::text FROM alert_config_changes WHERE action LIKE 'webhook.%' AND object = ? "
                + "ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, Long.toString(webhookId));
            ps.setInt(2, limit);
            return read(ps);
        }
    }

    private static List<Change> read(PreparedStatement ps) throws SQLException {
        List<Change> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long d = rs.getLong(7);
                Long district = rs.wasNull() ? null : d;
                long ce = rs.getLong(8);
                Long centre = rs.wasNull() ? null : ce;
                String before = rs.getString(9);
                String after = rs.getString(10);
                out.add(new Change(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), district, centre, before == null ? null : JsonDetail.read(before),
                        after == null ? null : JsonDetail.read(after)));
            }
        }
        return out;
    }
}
