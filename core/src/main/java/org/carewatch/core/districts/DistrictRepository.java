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
import org.carewatch.core.errors.NotFoundException;

/** The {@code districts} table: a district by code or id, new districts (bootstrap, benchmarks), the live-view policy. */
public final class DistrictRepository {
    public record District(long id, String code, String name) {
    }

    private final DataSource ds;

    public DistrictRepository(DataSource ds) {
        this.ds = ds;
    }

    /** A new district; {@link ConflictException} when the code is taken. */
    public District create(String code, String name) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO districts (code, name) VALUES (?, ?) ON CONFLICT (code) DO NOTHING RETURNING id")) {
            ps.setString(1, code);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ConflictException("district code '" + code + "' is taken");
                }
                return new District(rs.getLong(1), code, name);
            }
        }
    }

    public Optional<District> byCode(String code) throws SQLException {
        return one("SELECT id, code, name FROM districts WHERE code = ?", code);
    }

    public Optional<District> find(long id) throws SQLException {
        return one("SELECT id, code, name FROM districts WHERE id = ?", id);
    }

    public List<District> list() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, code, name FROM districts ORDER BY code");
             ResultSet rs = ps.executeQuery()) {
            List<District> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new District(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
            return out;
        }
    }

    public LiveViewPolicy liveViewPolicy(long districtId) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT live_view_policy FROM districts WHERE id = ?")) {
            ps.setLong(1, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("district " + districtId + " not found");
                }
                return LiveViewPolicy.fromCode(rs.getString(1));
            }
        }
    }

    private Optional<District> one(String sql, Object arg) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new District(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        }
    }
}
