package org.carewatch.core.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code console_sessions} table: random 256-bit session ids of which only the SHA-256 is kept, each with
 * its CSRF token, last use and absolute expiry. The timeouts are {@link ConsoleSessions}' rules.
 */
public final class SessionRepository {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource ds;

    public SessionRepository(DataSource ds) {
        this.ds = ds;
    }

    /** A stored session with its user (active users only). */
    public record Row(Principal principal, String csrfToken, Instant createdAt, Instant lastSeenAt, Instant expiresAt) {
    }

    /** A new random value of 256 bits, URL-safe (session ids and CSRF tokens). */
    public static String randomSecret() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    public void insert(String sessionId, long userId, String csrfToken, Instant now, Instant expiresAt) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO console_sessions "
                + "(id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setBytes(1, sha256(sessionId));
            ps.setLong(2, userId);
            ps.setString(3, csrfToken);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(expiresAt));
            ps.executeUpdate();
        }
    }

    /** The session if it was not ended and its user is active; the caller applies the timeouts. */
    public Optional<Row> find(String sessionId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + UserRepository.principalColumns("u")
                + ", s.csrf_token, s.created_at, s.last_seen_at, s.expires_at FROM console_sessions s JOIN users u ON u.id = s.user_id "
                + "WHERE s.id_hash = ? AND s.ended_at IS NULL AND u.active")) {
            ps.setBytes(1, sha256(sessionId));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(UserRepository.principal(rs), rs.getString("csrf_token"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_seen_at").toInstant(), rs.getTimestamp("expires_at").toInstant()));
            }
        }
    }

    public void touch(String sessionId, Instant now) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE console_sessions SET last_seen_at = ? WHERE id_hash = ? AND ended_at IS NULL AND last_seen_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setBytes(2, sha256(sessionId));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /** Ends a session; true when it was still open. {@code userId} null ends it whoever holds it. */
    public boolean end(String sessionId, Long userId, Instant now) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE console_sessions SET ended_at = ? "
                + "WHERE id_hash = ? AND ended_at IS NULL" + (userId == null ? "" : " AND user_id = ?"))) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setBytes(2, sha256(sessionId));
            if (userId != null) {
                ps.setLong(3, userId);
            }
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes sessions that expired or ended before {@code before}; returns how many. */
    public int purge(Instant before) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM console_sessions WHERE expires_at < ? OR ended_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            ps.setTimestamp(2, Timestamp.from(before));
            return ps.executeUpdate();
        }
    }

    /**
     * Of the given session id hashes, those of sessions not ended, not past their absolute end, used within
     * {@code idle} of {@code now}, of active users (what a live stream opened by a session checks now and then).
     */
    public java.util.Set<String> liveHashes(java.util.Collection<byte[]> hashes, Instant now, java.time.Duration idle) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (hashes.isEmpty()) {
            return out;
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT s.id_hash FROM console_sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ANY (?) "
                        + "AND s.ended_at IS NULL AND s.expires_at > ? AND s.last_seen_at > ? AND u.active")) {
            ps.setArray(1, c.createArrayOf("bytea", hashes.toArray(new byte[0][])));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now.minus(idle)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(java.util.HexFormat.of().formatHex(rs.getBytes(1)));
                }
            }
        }
        return out;
    }

    /** The stored form of a session id (its SHA-256, hex): what may be kept in memory or sent between nodes. */
    public static String hashHex(String sessionId) {
        return java.util.HexFormat.of().formatHex(sha256(sessionId));
    }

    private static byte[] sha256(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
