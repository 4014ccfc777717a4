package org.carewatch.alerts.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.carewatch.core.security.CredentialCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code webhooks} targets and the {@code webhook_dead_letters} of deliveries that never succeeded.
 * Secrets are stored sealed with the credential key ({@link CredentialCipher}, purpose
 * {@value #PURPOSE}); only {@link #active()} opens them, for the dispatcher. Deleted webhooks stay as
 * hidden rows so their dead letters keep their target.
 */
public final class WebhookRepository {
    public static final String PURPOSE = "webhook-secret";
    private static final Logger log = LoggerFactory.getLogger(WebhookRepository.class);

    private final DataSource ds;
    private final CredentialCipher cipher;

    /** @param cipher the node's credential cipher (the camera one); the repository binds it to {@value #PURPOSE} */
    public WebhookRepository(DataSource ds, CredentialCipher cipher) {
        this.ds = ds;
        this.cipher = cipher.forPurpose(PURPOSE);
    }

    public Webhook add(Long districtId, String url, String secret) throws SQLException {
        try (Connection c = ds.getConnection()) {
            WebhookInfo i = insert(c, districtId, url, secret, true);
            return new Webhook(i.id(), districtId, url, secret);
        }
    }

    public WebhookInfo insert(Connection c, Long districtId, String url, String secret, boolean active) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhooks (district_id, url, secret_enc, secret_fingerprint, active) "
                + "VALUES (?, ?, ?, ?, ?) RETURNING " + INFO)) {
            ps.setObject(1, districtId, Types.BIGINT);
            ps.setString(2, url);
            ps.setBytes(3, cipher.seal(secret));
            ps.setString(4, WebhookSignature.fingerprint(secret));
            ps.setBoolean(5, active);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return info(rs);
            }
        }
    }

    /** Changes the given fields (null: keep); the secret is sealed again when given. */
    public WebhookInfo update(Connection c, long id, String url, String secret, Boolean active) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE webhooks SET url = coalesce(?, url), "
                + "secret_enc = coalesce(?, secret_enc), secret_fingerprint = coalesce(?, secret_fingerprint), "
                + "secret = CASE WHEN ? THEN NULL ELSE secret END, active = coalesce(?, active), updated_at = now() "
                + "WHERE id = ? AND deleted_at IS NULL RETURNING " + INFO)) {
            ps.setString(1, url);
            ps.setBytes(2, secret == null ? null : cipher.seal(secret));
            ps.setString(3, secret == null ? null : WebhookSignature.fingerprint(secret));
            ps.setBoolean(4, secret != null);
            ps.setObject(5, active, Types.BOOLEAN);
            ps.setLong(6, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("webhook " + id + " vanished during its update");
                }
                return info(rs);
            }
        }
    }

    /** Hides the webhook and stops its deliveries; its dead letters are kept. */
    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE webhooks SET deleted_at = now(), active = false, updated_at = now() WHERE id = ? AND deleted_at IS NULL")) {
            ps.setLong(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    public Optional<WebhookInfo> find(long id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return find(c, id, false);
        }
    }

    public Optional<WebhookInfo> find(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + INFO + " FROM webhooks WHERE id = ? AND deleted_at IS NULL"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(info(rs)) : Optional.empty();
            }
        }
    }

    /** The webhooks of one district and those for every district (district null), oldest first. */
    public List<WebhookInfo> listVisible(long districtId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + INFO + " FROM webhooks "
                + "WHERE deleted_at IS NULL AND (district_id = ? OR district_id IS NULL) ORDER BY id")) {
            ps.setLong(1, districtId);
            List<WebhookInfo> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(info(rs));
                }
            }
            return out;
        }
    }

    /** One webhook with its secret opened, for a test delivery. */
    public Optional<Webhook> target(long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, district_id, url, secret_enc, secret FROM webhooks WHERE id = ? AND deleted_at IS NULL")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(target(rs)) : Optional.empty();
            }
        }
    }

    /** The active webhooks with their secrets opened (for the dispatcher). One that cannot be opened is left out and logged. */
    public List<Webhook> active() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, district_id, url, secret_enc, secret FROM webhooks WHERE active AND deleted_at IS NULL ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<Webhook> out = new ArrayList<>();
            while (rs.next()) {
                try {
                    out.add(target(rs));
                } catch (IllegalArgumentException e) {
                    log.error("webhook {}: secret cannot be decrypted with this node's credential key; not delivering to it", rs.getLong(1));
                }
            }
            return out;
        }
    }

    /**
     * Seals secrets still stored in plaintext (rows written before secrets were encrypted) and clears the
     * plaintext. Returns how many were sealed.
     */
    public int sealPlaintextSecrets() throws SQLException {
        int n = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement sel = c.prepareStatement("SELECT id, secret FROM webhooks WHERE secret IS NOT NULL FOR UPDATE");
                     PreparedStatement upd = c.prepareStatement(
                             "UPDATE webhooks SET secret_enc = ?, secret_fingerprint = ?, secret = NULL WHERE id = ?");
                     ResultSet rs = sel.executeQuery()) {
                    while (rs.next()) {
                        String secret = rs.getString(2);
                        upd.setBytes(1, cipher.seal(secret));
                        upd.setString(2, WebhookSignature.fingerprint(secret));
                        upd.setLong(3, rs.getLong(1));
                        upd.executeUpdate();
                        n++;
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return n;
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

    /**
     * One webhook's dead letters, newest first, limited to alerts of one district (a webhook for every
     * district also carries other districts' alerts).
     */
    public DeadLetterPage deadLetters(long webhookId, long districtId, int limit, int offset) throws SQLException {
        String where = " FROM webhook_dead_letters d JOIN alerts a ON a.id = d.alert_id WHERE d.webhook_id = ? AND a.district_id = ?";
        try (Connection c = ds.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*)" + where)) {
                ps.setLong(1, webhookId);
                ps.setLong(2, districtId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<DeadLetterRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.webhook_id, d.alert_id, d.event, d.attempts, d.last_error, "
                    + "d.created_at, d.payload::text" + where + " ORDER BY d.id DESC LIMIT ? OFFSET ?")) {
                ps.setLong(1, webhookId);
                ps.setLong(2, districtId);
                ps.setInt(3, limit);
                ps.setInt(4, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DeadLetterRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                                rs.getTimestamp(7).toInstant(), rs.getString(8)));
                    }
                }
            }
            return new DeadLetterPage(out, total);
        }
    }

    private static final String INFO = "id, district_id, url, active, secret_fingerprint, created_at, updated_at";

    private static WebhookInfo info(ResultSet rs) throws SQLException {
        long d = rs.getLong(2);
        Long district = rs.wasNull() ? null : d;
        Timestamp created = rs.getTimestamp(6);
        Timestamp updated = rs.getTimestamp(7);
        return new WebhookInfo(rs.getLong(1), district, rs.getString(3), rs.getBoolean(4), rs.getString(5), created.toInstant(), updated.toInstant());
    }

    private Webhook target(ResultSet rs) throws SQLException {
        long d = rs.getLong(2);
        Long district = rs.wasNull() ? null : d;
        byte[] sealed = rs.getBytes(4);
        String secret = sealed != null ? cipher.open(sealed) : rs.getString(5);
        return new Webhook(rs.getLong(1), district, rs.getString(3), secret);
    }
}
