package org.carewatch.core.centres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.time.LocalTime;
import javax.sql.DataSource;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;

public final class CentreRepository {
    private static final String COLUMNS = "id, district_id, code, name, kind, address, capacity, contact_name, contact_phone, "
            + "open_days, opens_at, closes_at, nap_starts_at, nap_ends_at, hold_cameras, active, version, created_at, updated_at";

    private final DataSource ds;

    public CentreRepository(DataSource ds) {
        this.ds = ds;
    }

    /** The centres of a district, ordered by code (who may see them is {@link CentreService}'s decision). */
    public List<Centre> listByDistrict(long districtId, boolean includeInactive) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM centres WHERE district_id = ?" + (includeInactive ? "" : " AND active") + " ORDER BY code";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Centre> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        }
    }

    /**
     * Every centre of every district, active or not, by id: for in-memory views other modules keep (e.g. the
     * alert rules' opening hours), never for answering a caller (that is {@link #list}).
     */
    public List<Centre> listAll() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM centres ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<Centre> out = new ArrayList<>();
            while (rs.next()) {
                out.add(map(rs));
            }
            return out;
        }
    }

    public Optional<Centre> find(long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM centres WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The centre with this code (codes are unique across districts), for operators' commands. */
    public Optional<Centre> findByCode(String code) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM centres WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public Centre create(CentreInput in) throws SQLException {
        in.validateForCreate();
        if (in.districtId() == null) {
            throw new InvalidInputException("districtId", "is required");
        }
        LocalTime opens = or(in.opensAt(), LocalTime.of(7, 30));
        LocalTime closes = or(in.closesAt(), LocalTime.of(17, 30));
        CentreInput.validateHours(opens, closes, in.napStartsAt(), in.napEndsAt());
        String sql = "INSERT INTO centres (district_id, code, name, kind, address, capacity, contact_name, contact_phone, open_days, "
                + "opens_at, closes_at, nap_starts_at, nap_ends_at, active, hold_cameras) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING " + COLUMNS;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, in.districtId());
            ps.setString(2, in.code());
            ps.setString(3, in.name().strip());
            ps.setString(4, or(in.kind(), CentreKind.CENTRE).code());
            ps.setString(5, or(in.address(), ""));
            ps.setInt(6, or(in.capacity(), 0));
            ps.setString(7, or(in.contactName(), ""));
            ps.setString(8, or(in.contactPhone(), ""));
            ps.setArray(9, days(c, or(in.openDays(), List.of(1, 2, 3, 4, 5))));
            ps.setTime(10, Time.valueOf(opens));
            ps.setTime(11, Time.valueOf(closes));
            setTime(ps, 12, in.napStartsAt());
            setTime(ps, 13, in.napEndsAt());
            ps.setBoolean(14, or(in.active(), true));
            ps.setBoolean(15, or(in.holdCameras(), true));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        } catch (SQLException e) {
            throw translate(e, in);
        }
    }

    /** Applies the non-null fields of {@code in} when {@code in.version()} is still current. */
    public Centre update(long id, CentreInput in) throws SQLException {
        in.validateForUpdate();
        Centre cur = find(id).orElseThrow(() -> new NotFoundException("centre " + id + " not found"));
        LocalTime opens = or(in.opensAt(), cur.opensAt());
        LocalTime closes = or(in.closesAt(), cur.closesAt());
        boolean napGiven = in.napStartsAt() != null || in.napEndsAt() != null;
        LocalTime napStart = napGiven ? in.napStartsAt() : cur.napStartsAt();
        LocalTime napEnd = napGiven ? in.napEndsAt() : cur.napEndsAt();
        CentreInput.validateHours(opens, closes, napStart, napEnd);
        String sql = "UPDATE centres SET code = ?, name = ?, kind = ?, address = ?, capacity = ?, contact_name = ?, contact_phone = ?, "
                + "open_days = ?, opens_at = ?, closes_at = ?, nap_starts_at = ?, nap_ends_at = ?, active = ?, hold_cameras = ?, version = version + 1, "
                + "updated_at = now() WHERE id = ? AND version = ? RETURNING " + COLUMNS;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, or(in.code(), cur.code()));
            ps.setString(2, in.name() == null ? cur.name() : in.name().strip());
            ps.setString(3, or(in.kind(), cur.kind()).code());
            ps.setString(4, or(in.address(), cur.address()));
            ps.setInt(5, or(in.capacity(), cur.capacity()));
            ps.setString(6, or(in.contactName(), cur.contactName()));
            ps.setString(7, or(in.contactPhone(), cur.contactPhone()));
            ps.setArray(8, days(c, or(in.openDays(), cur.openDays())));
            ps.setTime(9, Time.valueOf(opens));
            ps.setTime(10, Time.valueOf(closes));
            setTime(ps, 11, napStart);
            setTime(ps, 12, napEnd);
            ps.setBoolean(13, or(in.active(), cur.active()));
            ps.setBoolean(14, or(in.holdCameras(), cur.holdCameras()));
            ps.setLong(15, id);
            ps.setInt(16, in.version());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ConflictException("centre " + id + " was changed by someone else (version " + in.version()
                            + " is no longer current); reload it and apply your change again");
                }
                return map(rs);
            }
        } catch (SQLException e) {
            throw translate(e, in);
        }
    }

    private static SQLException translate(SQLException e, CentreInput in) {
        if ("23505".equals(e.getSQLState())) {
            throw new ConflictException("a centre with code '" + in.code() + "' already exists");
        }
        if ("23503".equals(e.getSQLState())) {
            throw new InvalidInputException("districtId", "no district " + in.districtId());
        }
        return e;
    }

    private static Array days(Connection c, List<Integer> days) throws SQLException {
        return c.createArrayOf("int2", days.stream().sorted().map(Integer::shortValue).toArray());
    }

    private static void setTime(PreparedStatement ps, int i, LocalTime t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIME);
        } else {
            ps.setTime(i, Time.valueOf(t));
        }
    }

    private static <T> T or(T v, T fallback) {
        return v != null ? v : fallback;
    }

    private static Centre map(ResultSet rs) throws SQLException {
        Short[] days = (Short[]) rs.getArray("open_days").getArray();
        return new Centre(rs.getLong("id"), rs.getLong("district_id"), rs.getString("code"), rs.getString("name"),
                CentreKind.fromCode(rs.getString("kind")), rs.getString("address"), rs.getInt("capacity"),
                rs.getString("contact_name"), rs.getString("contact_phone"),
                Arrays.stream(days).map(Short::intValue).toList(),
                rs.getTime("opens_at").toLocalTime(), rs.getTime("closes_at").toLocalTime(),
                time(rs, "nap_starts_at"), time(rs, "nap_ends_at"), rs.getBoolean("hold_cameras"), rs.getBoolean("active"), rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static LocalTime time(ResultSet rs, String col) throws SQLException {
        Time t = rs.getTime(col);
        return t == null ? null : t.toLocalTime();
    }

}
