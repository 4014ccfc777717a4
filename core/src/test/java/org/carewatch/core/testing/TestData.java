package org.carewatch.core.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;

/** Minimal districts, centres and users for tests that need someone to sign in and somewhere to look. */
public final class TestData {
    private static final PasswordHasher HASHER = new PasswordHasher();

    private final DataSource ds;

    public TestData(DataSource ds) {
        this.ds = ds;
    }

    public long district(String code) throws SQLException {
        return insert("INSERT INTO districts (code, name) VALUES (?, ?) RETURNING id", code, "District " + code);
    }

    public long centre(long districtId, String code) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO centres (district_id, code, name) VALUES (?, ?, ?) RETURNING id")) {
            ps.setLong(1, districtId);
            ps.setString(2, code);
            ps.setString(3, "Centre " + code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A district user (admin, officer, auditor): {@code scopeId} is the district. For facility staff it is the centre. */
    public long user(String username, String password, Role role, long scopeId) throws SQLException {
        boolean facility = role == Role.FACILITY;
        return new UserRepository(ds).create(username, username, HASHER.hash(password), role, facility ? null : scopeId,
                facility ? scopeId : null, "en");
    }

    private long insert(String sql, String... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
