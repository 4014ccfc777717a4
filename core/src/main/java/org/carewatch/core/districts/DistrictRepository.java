package org.carewatch.core.districts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;

/** The {@code districts} table: a district by code or id, new districts (bootstrap, benchmarks), the live-view policy. */
public final class DistrictRepository {
    private static final String COLUMNS = "id, code, name, live_view_policy";

    private final DataSource ds;

    public DistrictRepository(DataSource ds) {
        this.ds = ds;
    }

    /** A new district; {@link ConflictException} when the code is taken, {@link InvalidInputException} for a bad code or name. */
    public District create(String code, String name) throws SQLException {
        if (code == null || !code.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new InvalidInputException("code", "must be 1-32 letters, digits, '_' or '-'");
        }
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new InvalidInputException("name", "must be 1-200 characters");
        }
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO districts (code, name) VALUES (?, ?) RETURNING " + COLUMNS)) {
            ps.setString(1, code);
            ps.setString(2, name.strip());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new ConflictException("a district with code '" + code + "' already exists");
            }
            throw e;
        }
    }

    public Optional<District> findByCode(String code) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM districts WHERE code = ?", code);
    }

    public Optional<District> find(long id) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM districts WHERE id = ?", id);
    }

    public List<District> list() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM districts ORDER BY code");
             ResultSet rs = ps.executeQuery()) {
            List<District> out = new ArrayList<>();
            while (rs.next()) {
                out.add(map(rs));
            }
            return out;
        }
    }

    public LiveViewPolicy liveViewPolicy(long districtId) throws SQLException {
        return find(districtId).map(d -> LiveViewPolicy.fromCode(d.liveViewPolicy()))
                .orElseThrow(() -> new NotFoundException("district " + districtId + " not found"));
    }

    private Optional<District> one(String sql, Object arg) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static District map(ResultSet rs) throws SQLException {
        return new District(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("live_view_policy"));
    }
}
