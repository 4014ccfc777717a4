package org.carewatch.alerts.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.carewatch.core.store.Transactions;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertEvent;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.alerts.model.JsonDetail;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.profiles.sensor.Severity;

/**
 * The {@code alerts} table and its history. Every change of an alert row happens in one transaction
 * with the {@code alert_events} row that records it (the schema refuses anything else at commit).
 */
public final class AlertRepository {
    public static final String COLUMNS = "id, district_id, centre_id, source, source_id, rule_id, kind, severity, title, detail::text, "
            + "dedup_key, state, condition_active, first_seen, last_seen, occurrences, assignee_id, ack_due, answer_due, "
            + "escalation_level, updated_at, version";
    static final String ACTIVE = "state IN ('open', 'acknowledged', 'answered')";

    private final DataSource ds;
    private final Deadlines deadlines;

    public AlertRepository(DataSource ds, Deadlines deadlines) {
        this.ds = ds;
        this.deadlines = deadlines;
    }

    /** What {@link #raise} did: a new alert, or one more occurrence of the active alert with the same key. */
    public record Raised(Alert alert, boolean created) {
    }

    /**
     * Raises a new alert for the trigger, or counts it on the active alert with its deduplication key.
     * {@code districtId} is the district of the trigger's centre (the caller knows it from core's centres).
     */
    public Raised raise(Trigger t, long districtId, String actor) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                Raised r = raise(c, t, districtId, actor);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Raised raise(Connection c, Trigger t, long districtId, String actor) throws SQLException {
        Optional<Alert> active = one(c, "SELECT " + COLUMNS + " FROM alerts WHERE dedup_key = ? AND " + ACTIVE + " FOR UPDATE",
                t.dedupKey());
        if (active.isPresent()) {
            Alert a = active.get();
            Alert updated = one(c, "UPDATE alerts SET last_seen = greatest(last_seen, ?), occurrences = occurrences + 1, "
                    + "condition_active = true, updated_at = now(), version = version + 1 WHERE id = ? RETURNING " + COLUMNS,
                    ts(t.time()), a.id()).orElseThrow();
            appendEvent(c, new AlertEvent(t.time(), a.id(), a.centreId(), actor, "repeat",
                    merge(t.detail(), Map.of("occurrences", updated.occurrences()))));
            return new Raised(updated, false);
        }
        Instant due = t.time();
        String sql = "INSERT INTO alerts (district_id, centre_id, source, source_id, rule_id, kind, severity, title, detail, "
                + "dedup_key, state, condition_active, first_seen, last_seen, ack_due, answer_due, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'open', ?, ?, ?, ?, ?, now()) RETURNING " + COLUMNS;
        Alert a;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, districtId);
            ps.setLong(i++, t.centreId());
            ps.setString(i++, t.source().id());
            ps.setString(i++, t.sourceId());
            ps.setString(i++, t.ruleId());
            ps.setString(i++, t.kind());
            ps.setString(i++, t.severity().id());
            ps.setString(i++, t.title());
            ps.setString(i++, JsonDetail.write(t.detail()));
            ps.setString(i++, t.dedupKey());
            // Patrol findings have no condition that could clear by itself.
            ps.setBoolean(i++, t.source() == AlertSource.SENSOR || t.source() == AlertSource.CAMERA);
            ps.setTimestamp(i++, ts(t.time()));
            ps.setTimestamp(i++, ts(t.time()));
            ps.setTimestamp(i++, ts(deadlines.acknowledgeBy(t.severity(), due)));
            ps.setTimestamp(i, ts(deadlines.answerBy(t.severity(), due)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                a = map(rs);
            }
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) {
                // The centre (or its district) is gone: nothing to raise it against.
                throw new NotFoundException("centre " + t.centreId() + " not found");
            }
            throw e;
        }
        appendEvent(c, new AlertEvent(t.time(), a.id(), a.centreId(), actor, "raise",
                merge(t.detail(), Map.of("severity", a.severity().id(), "kind", a.kind(),
                        "ackDue", a.ackDue().toString(), "answerDue", a.answerDue().toString()))));
        return new Raised(a, true);
    }

    /** Records that an alert's condition no longer holds; the alert itself stays for the centre to answer. */
    public Optional<Alert> conditionCleared(long alertId, Instant time, String actor, Map<String, Object> detail) throws SQLException {
        return Transactions.inTransaction(ds, c -> {
            Optional<Alert> a = one(c, "UPDATE alerts SET condition_active = false, updated_at = now(), version = version + 1 "
                    + "WHERE id = ? AND condition_active RETURNING " + COLUMNS, alertId);
            if (a.isPresent()) {
                appendEvent(c, new AlertEvent(time, alertId, a.get().centreId(), actor, "condition_cleared", detail));
            }
            return a;
        });
    }

    /**
     * Moves an alert from one of {@code from} to {@code to}, with its event; {@link ConflictException} when
     * the alert is in another state.
     */
    public Alert transition(long alertId, Set<AlertState> from, AlertState to, String actor, String action,
                            Map<String, Object> detail, Instant now) throws SQLException {
        return transition(alertId, from, to, actor, action, detail, now, null);
    }

    /** As {@link #transition(long, Set, AlertState, String, String, Map, Instant)}, also setting the assignee when not null. */
    public Alert transition(long alertId, Set<AlertState> from, AlertState to, String actor, String action,
                            Map<String, Object> detail, Instant now, Long assignee) throws SQLException {
        return Transactions.inTransaction(ds, c -> {
            Alert a = lock(c, alertId);
            if (!from.contains(a.state())) {
                throw new ConflictException("alert " + alertId + " is " + a.state().id() + "; '" + action + "' needs it to be "
                        + from.stream().map(AlertState::id).sorted().toList());
            }
            String extra = "";
            if (to == AlertState.OPEN && a.state() != AlertState.OPEN) {
                // Reopened: the clock starts again.
                extra = ", ack_due = ?, answer_due = ?, escalation_level = 0";
            }
            if (assignee != null) {
                extra += ", assignee_id = ?";
            }
            String sql = "UPDATE alerts SET state = ?, updated_at = ?, version = version + 1" + extra + " WHERE id = ? RETURNING " + COLUMNS;
            Alert updated;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, to.id());
                ps.setTimestamp(i++, ts(now));
                if (extra.contains("ack_due")) {
                    ps.setTimestamp(i++, ts(deadlines.acknowledgeBy(a.severity(), now)));
                    ps.setTimestamp(i++, ts(deadlines.answerBy(a.severity(), now)));
                }
                if (assignee != null) {
                    ps.setLong(i++, assignee);
                }
                ps.setLong(i, alertId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    updated = map(rs);
                }
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new ConflictException("another active alert exists for the same source and rule; it cannot be reopened");
                }
                throw e;
            }
            appendEvent(c, new AlertEvent(now, alertId, a.centreId(), actor, action,
                    merge(detail, Map.of("from", a.state().id(), "to", to.id()))));
            return updated;
        });
    }

    /** Raises the escalation level (1: acknowledgement overdue, 2: answer overdue) with its event. */
    public Optional<Alert> escalate(long alertId, int level, Instant now, String reason) throws SQLException {
        return Transactions.inTransaction(ds, c -> {
            Optional<Alert> a = one(c, "UPDATE alerts SET escalation_level = ?, updated_at = now(), version = version + 1 "
                    + "WHERE id = ? AND escalation_level < ? AND " + ACTIVE + " RETURNING " + COLUMNS, level, alertId, level);
            if (a.isPresent()) {
                appendEvent(c, new AlertEvent(now, alertId, a.get().centreId(), "system:escalation", "escalate",
                        Map.of("level", level, "reason", reason)));
            }
            return a;
        });
    }

    /** Appends an event that does not change the alert's state (comment, notification record). */
    public AlertEvent note(long alertId, String actor, String action, Map<String, Object> detail, Instant now) throws SQLException {
        return Transactions.inTransaction(ds, c -> {
            Alert a = lock(c, alertId);
            AlertEvent e = new AlertEvent(now, alertId, a.centreId(), actor, action, detail);
            appendEvent(c, e);
            return e;
        });
    }

    /** Stores a photo for an answer or comment; its id goes into the event's detail. */
    public long addAttachment(long alertId, String contentType, byte[] data, String actor) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alert_attachments (alert_id, content_type, data, created_by) VALUES (?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, alertId);
            ps.setString(2, contentType);
            ps.setBytes(3, data);
            ps.setString(4, actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<Attachment> attachment(long alertId, long attachmentId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, alert_id, content_type, data FROM alert_attachments WHERE id = ? AND alert_id = ?")) {
            ps.setLong(1, attachmentId);
            ps.setLong(2, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Attachment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBytes(4)))
                        : Optional.empty();
            }
        }
    }

    /** The active alert with this deduplication key, if any. */
    public Optional<Alert> activeByKey(String dedupKey) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return one(c, "SELECT " + COLUMNS + " FROM alerts WHERE dedup_key = ? AND " + ACTIVE, dedupKey);
        }
    }

    /** The active (open, acknowledged, answered) alerts of a centre, in no particular order. */
    public List<Alert> activeAtCentre(long centreId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM alerts WHERE centre_id = ? AND " + ACTIVE + " LIMIT 1000")) {
            ps.setLong(1, centreId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Alert> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        }
    }

    public Optional<Alert> find(long id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return one(c, "SELECT " + COLUMNS + " FROM alerts WHERE id = ?", id);
        }
    }

    public List<AlertEvent> events(long alertId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT time, alert_id, centre_id, actor, action, detail::text FROM alert_events WHERE alert_id = ? ORDER BY time, ctid")) {
            ps.setLong(1, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                List<AlertEvent> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new AlertEvent(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), JsonDetail.read(rs.getString(6))));
                }
                return out;
            }
        }
    }

    /** Active alerts whose acknowledgement (state open) or answer (open or acknowledged) is overdue at {@code now}. */
    public List<Alert> overdue(Instant now) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts "
                + "WHERE state IN ('open', 'acknowledged') AND ((state = 'open' AND ack_due <= ? AND escalation_level < 1) "
                + "OR (answer_due <= ? AND escalation_level < 2)) ORDER BY id")) {
            ps.setTimestamp(1, ts(now));
            ps.setTimestamp(2, ts(now));
            try (ResultSet rs = ps.executeQuery()) {
                List<Alert> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        }
    }

    private Alert lock(Connection c, long alertId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM alerts WHERE id = ? FOR UPDATE", alertId)
                .orElseThrow(() -> new NotFoundException("alert " + alertId + " not found"));
    }

    static void appendEvent(Connection c, AlertEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alert_events (time, alert_id, centre_id, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
            ps.setTimestamp(1, ts(e.time()));
            ps.setLong(2, e.alertId());
            ps.setLong(3, e.centreId());
            ps.setString(4, e.actor());
            ps.setString(5, e.action());
            ps.setString(6, JsonDetail.write(e.detail()));
            ps.executeUpdate();
        }
    }



    private static Optional<Alert> one(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Timestamp t) {
                    ps.setTimestamp(i + 1, t);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public static Alert map(ResultSet rs) throws SQLException {
        long assignee = rs.getLong(17);
        Long assigneeId = rs.wasNull() ? null : assignee;
        return new Alert(rs.getLong(1), rs.getLong(2), rs.getLong(3), AlertSource.fromId(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getString(7), Severity.valueOf(rs.getString(8).toUpperCase(java.util.Locale.ROOT)),
                rs.getString(9), JsonDetail.read(rs.getString(10)), rs.getString(11), AlertState.fromId(rs.getString(12)),
                rs.getBoolean(13), rs.getTimestamp(14).toInstant(), rs.getTimestamp(15).toInstant(), rs.getInt(16), assigneeId,
                rs.getTimestamp(18).toInstant(), rs.getTimestamp(19).toInstant(), rs.getInt(20), rs.getTimestamp(21).toInstant(),
                rs.getInt(22));
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    public static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(a == null ? Map.of() : a);
        out.putAll(b);
        return out;
    }

}
