package org.carewatch.patrol.classes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.carewatch.core.errors.ConflictException;

/** The {@code centre_classes} table. */
public final class ClassRepository {
    private static final String COLUMNS = "id, centre_id, name, age_group, enrolled, carers, version";
    private final DataSource ds;

    public ClassRepository(DataSource ds) {
        this.ds = ds;
    }

    public List<CentreClass> list(long centreId) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM centre_classes WHERE centre_id = ? ORDER BY name, id")) {
            ps.setLong(1, centreId);
            try (ResultSet rs = ps.executeQuery()) {
                List<CentreClass> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        }
    }

    public Optional<CentreClass> find(long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM centre_classes WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public CentreClass create(long centreId, CentreClass.Input in) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO centre_classes (centre_id, name, "
                + "age_group, enrolled, carers) VALUES (?, ?, ?, ?, ?) RETURNING " + COLUMNS)) {
            ps.setLong(1, centreId);
            ps.setString(2, in.name().strip());
            ps.setString(3, in.ageGroup().code());
            ps.setInt(4, in.enrolled() == null ? 0 : in.enrolled());
            ps.setInt(5, in.carers() == null ? 0 : in.carers());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        }
    }

    public CentreClass update(CentreClass cur, CentreClass.Input in) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE centre_classes SET name = ?, age_group = ?, "
                + "enrolled = ?, carers = ?, version = version + 1, updated_at = now() WHERE id = ? AND version = ? RETURNING " + COLUMNS)) {
            ps.setString(1, in.name() == null ? cur.name() : in.name().strip());
            ps.setString(2, (in.ageGroup() == null ? cur.ageGroup() : in.ageGroup()).code());
            ps.setInt(3, in.enrolled() == null ? cur.enrolled() : in.enrolled());
            ps.setInt(4, in.carers() == null ? cur.carers() : in.carers());
            ps.setLong(5, cur.id());
            ps.setInt(6, in.version());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ConflictException("class " + cur.id() + " was changed by someone else (version " + in.version()
                            + " is no longer current); reload it and apply your change again");
                }
                return map(rs);
            }
        }
    }

    public void delete(long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM centre_classes WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static CentreClass map(ResultSet rs) throws SQLException {
        return new CentreClass(rs.getLong(1), rs.getLong(2), rs.getString(3), AgeGroup.fromCode(rs.getString(4)), rs.getInt(5),
                rs.getInt(6), rs.getInt(7));
    }
}
