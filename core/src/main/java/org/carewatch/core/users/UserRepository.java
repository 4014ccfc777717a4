package org.carewatch.core.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import javax.sql.DataSource;

public final class UserRepository {
    private static final String COLUMNS = "id, username, display_name, role, district_id, centre_id, locale";

    private final DataSource ds;

    public UserRepository(DataSource ds) {
        this.ds = ds;
    }

    /** A user with the hash to check a password against; inactive users are not returned. */
    public record Credentials(Principal principal, String passwordHash) {
    }

    public Optional<Credentials> credentials(String username) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", password_hash FROM users WHERE username = ? AND active")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Credentials(principal(rs), rs.getString("password_hash"))) : Optional.empty();
            }
        }
    }

    public long create(String username, String displayName, String passwordHash, Role role, Long districtId, Long centreId,
                       String locale) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO users (username, display_name, password_hash, role, district_id, "
                     + "centre_id, locale) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, username);
            ps.setString(2, displayName);
            ps.setString(3, passwordHash);
            ps.setString(4, role.code());
            setLong(ps, 5, districtId);
            setLong(ps, 6, centreId);
            ps.setString(7, locale);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** An active user by id. */
    public Optional<Principal> find(long id) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ? AND active")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(principal(rs)) : Optional.empty();
            }
        }
    }

    /** Active users of a district with the given role, by id. */
    public java.util.List<Principal> listInDistrict(long districtId, Role role) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE district_id = ? AND role = ? AND active ORDER BY id")) {
            ps.setLong(1, districtId);
            ps.setString(2, role.code());
            try (ResultSet rs = ps.executeQuery()) {
                java.util.List<Principal> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(principal(rs));
                }
                return out;
            }
        }
    }

    static Principal principal(ResultSet rs) throws SQLException {
        return new Principal(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.fromCode(rs.getString("role")), (Long) rs.getObject("district_id"), (Long) rs.getObject("centre_id"),
                rs.getString("locale"));
    }

    static String principalColumns(String alias) {
        return String.join(", ", java.util.Arrays.stream(COLUMNS.split(", ")).map(col -> alias + "." + col).toList());
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
