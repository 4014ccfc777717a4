package org.carewatch.alerts.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The {@code webhooks} targets and the {@code webhook_dead_letters} of deliveries that never succeeded. */
public final class WebhookRepository {
    private final DataSource ds;

    public WebhookRepository(DataSource ds) {
        this.ds = ds;
    }

    public Webhook add(Long districtId, String url, String secret) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO webhooks (district_id, url, secret) VALUES (?, ?, ?) RETURNING id")) {
            ps.setObject(1, districtId, Types.BIGINT);
            ps.setString(2, url);
            ps.setString(3, secret);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Webhook(rs.getLong(1), districtId, url, secret);
            }
        }
    }

    public List<Webhook> active() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, district_id, url, secret FROM webhooks WHERE active ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            List<Webhook> out = new ArrayList<>();
            while (rs.next()) {
                long d = rs.getLong(2);
                Long district = rs.wasNull() ? null : d;
                out.add(new Webhook(rs.getLong(1), district, rs.getString(3), rs.getString(4)));
            }
            return out;
        }
    }

    public void deadLetter(long webhookId, long alertId, String event, String payload, int attempts, String lastError) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO webhook_dead_letters (webhook_id, alert_id, event, payload, attempts, last_error) VALUES (?, ?, ?, ?::jsonb, ?, ?)")) {
            ps.setLong(1, webhookId);
            ps.setLong(2, alertId);
            ps.setString(3, event);
            ps.setString(4, payload);
            ps.setInt(5, attempts);
            ps.setString(6, lastError.length() > 1000 ? lastError.substring(0, 1000) : lastError);
            ps.executeUpdate();
        }
    }

    public record DeadLetter(long webhookId, long alertId, String event, int attempts, String lastError) {
    }

    public List<DeadLetter> deadLetters() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT webhook_id, alert_id, event, attempts, last_error FROM webhook_dead_letters ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            List<DeadLetter> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new DeadLetter(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5)));
            }
            return out;
        }
    }
}
