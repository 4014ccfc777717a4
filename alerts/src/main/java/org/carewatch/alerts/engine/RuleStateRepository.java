package org.carewatch.alerts.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.carewatch.alerts.model.JsonDetail;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.profiles.sensor.Severity;

/** {@code alert_rule_state}: pending and active rule states, so a restart neither forgets nor restarts a pending duration. */
public final class RuleStateRepository {
    private final DataSource ds;

    public RuleStateRepository(DataSource ds) {
        this.ds = ds;
    }

    void save(Tracker t) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alert_rule_state (state_key, centre_id, phase, since, samples, trigger, due_after_ms, schedule, updated_at) "
                        + "VALUES (?,?,?,?,?,?::jsonb,?,?, now()) ON CONFLICT (state_key) DO UPDATE SET phase = EXCLUDED.phase, "
                        + "since = EXCLUDED.since, samples = EXCLUDED.samples, trigger = EXCLUDED.trigger, "
                        + "due_after_ms = EXCLUDED.due_after_ms, schedule = EXCLUDED.schedule, updated_at = now()")) {
            ps.setString(1, t.key);
            ps.setLong(2, t.template.centreId());
            ps.setString(3, t.phase.name().toLowerCase(Locale.ROOT));
            ps.setTimestamp(4, Timestamp.from(t.since));
            ps.setInt(5, t.samples);
            ps.setString(6, JsonDetail.write(toJson(t.template)));
            ps.setLong(7, t.dueAfter.toMillis());
            ps.setString(8, t.schedule);
            ps.executeUpdate();
        }
    }

    void delete(String key) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM alert_rule_state WHERE state_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    List<Tracker> load() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT state_key, phase, since, samples, trigger::text, due_after_ms, schedule FROM alert_rule_state");
             ResultSet rs = ps.executeQuery()) {
            List<Tracker> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Tracker(rs.getString(1), Tracker.Phase.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                        rs.getTimestamp(3).toInstant(), rs.getInt(4), fromJson(JsonDetail.read(rs.getString(5))),
                        Duration.ofMillis(rs.getLong(6)), rs.getString(7)));
            }
            return out;
        }
    }

    private static Map<String, Object> toJson(Trigger t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("centreId", t.centreId());
        m.put("source", t.source().id());
        m.put("sourceId", t.sourceId());
        m.put("ruleId", t.ruleId());
        m.put("kind", t.kind());
        m.put("severity", t.severity().id());
        m.put("title", t.title());
        m.put("detail", t.detail());
        m.put("time", t.time().toString());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Trigger fromJson(Map<String, Object> m) {
        return new Trigger(((Number) m.get("centreId")).longValue(), AlertSource.fromId((String) m.get("source")),
                (String) m.get("sourceId"), (String) m.get("ruleId"), (String) m.get("kind"),
                Severity.valueOf(((String) m.get("severity")).toUpperCase(Locale.ROOT)), (String) m.get("title"),
                (Map<String, Object>) m.get("detail"), Instant.parse((String) m.get("time")));
    }
}
