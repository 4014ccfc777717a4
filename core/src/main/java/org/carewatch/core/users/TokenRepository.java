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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Opaque bearer tokens: 256 random bits given to the client once, only their SHA-256 kept in the store,
 * so tokens work across nodes and can be revoked.
 */
public final class TokenRepository {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource ds;
    private final Clock clock;

    public TokenRepository(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }

    public IssuedToken issue(long userId, Duration ttl) throws SQLException {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant expires = clock.instant().plus(ttl);
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
            ps.setBytes(1, sha256(token));
            ps.setLong(2, userId);
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            ps.setTimestamp(4, Timestamp.from(expires));
            ps.executeUpdate();
        }
        return new IssuedToken(token, expires);
    }

    /** The active user holding a valid, unexpired, unrevoked token. */
    public Optional<Principal> principal(String token) throws SQLException {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + UserRepository.principalColumns("u")
                     + " FROM api_tokens t JOIN users u ON u.id = t.user_id"
                     + " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.active")) {
            ps.setBytes(1, sha256(token));
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(UserRepository.principal(rs)) : Optional.empty();
            }
        }
    }

    public boolean revoke(String token) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setBytes(2, sha256(token));
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * The stored identity of a token (hex of its SHA-256): safe to keep in memory or send between nodes, useless
     * for signing in.
     */
    public static String tokenId(String token) {
        return java.util.HexFormat.of().formatHex(sha256(token == null ? "" : token));
    }

    /** Of the given {@link #tokenId}s, those of valid, unexpired, unrevoked tokens of active users. */
    public java.util.Set<String> stillValid(java.util.Collection<String> tokenIds) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (tokenIds.isEmpty()) {
            return out;
        }
        byte[][] hashes = tokenIds.stream().map(id -> java.util.HexFormat.of().parseHex(id)).toArray(byte[][]::new);
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT t.token_hash FROM api_tokens t JOIN users u ON u.id = t.user_id"
                     + " WHERE t.token_hash = ANY (?) AND t.revoked_at IS NULL AND t.expires_at > ? AND u.active")) {
            ps.setArray(1, c.createArrayOf("bytea", hashes));
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(java.util.HexFormat.of().formatHex(rs.getBytes(1)));
                }
            }
        }
        return out;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
