package org.carewatch.core.sensors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.profiles.sensor.SensorProfile;

/** The sensor registry: register, list, find, and the device lookup the telemetry router is built from. */
public final class SensorRepository {
    private static final String COLUMNS = "id, centre_id, name, profile_id, device_key, location, active, version, created_at, updated_at";

    private final DataSource ds;
    private final Function<String, Optional<SensorProfile>> profiles;

    /** @param profiles the hardware-profile catalogue's sensor lookup (e.g. {@code catalog::sensor}) */
    public SensorRepository(DataSource ds, Function<String, Optional<SensorProfile>> profiles) {
        this.ds = ds;
        this.profiles = profiles;
    }

    /** Registers a sensor in a centre (the caller has checked the centre exists and is in scope). */
    public Sensor create(long centreId, SensorInput in) throws SQLException {
        if (in == null) {
            throw new InvalidInputException("name", "is required");
        }
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new InvalidInputException("name", "is required, 1-200 characters");
        }
        if (in.profileId() == null || in.profileId().isBlank()) {
            throw new InvalidInputException("profileId", "is required (see carewatch profiles list)");
        }
        SensorProfile profile = profiles.apply(in.profileId())
                .orElseThrow(() -> new InvalidInputException("profileId", "no sensor profile '" + in.profileId() + "'"));
        String deviceKey = deviceKey(profile, in);
        String location = in.location() == null ? "" : in.location().strip();
        if (location.length() > 200) {
            throw new InvalidInputException("location", "at most 200 characters");
        }
        String sql = "INSERT INTO sensors (centre_id, name, profile_id, device_key, location, active) VALUES (?, ?, ?, ?, ?, ?) "
                + "RETURNING " + COLUMNS;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, centreId);
            ps.setString(2, name);
            ps.setString(3, profile.id());
            ps.setString(4, deviceKey);
            ps.setString(5, location);
            ps.setBoolean(6, in.active() == null || in.active());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new ConflictException("a sensor with profile '" + profile.id() + "' and device '" + deviceKey + "' is already registered");
            }
            if ("23503".equals(e.getSQLState())) {
                throw new InvalidInputException("centreId", "no centre " + centreId);
            }
            throw e;
        }
    }

    private static String deviceKey(SensorProfile profile, SensorInput in) {
        boolean hasKey = in.deviceKey() != null && !in.deviceKey().isBlank();
        boolean hasTopic = in.topic() != null && !in.topic().isBlank();
        if (hasKey == hasTopic) {
            throw new InvalidInputException(hasKey ? "topic" : "deviceKey", "give exactly one of deviceKey and topic");
        }
        if (hasTopic) {
            return profile.matchDevice(in.topic().strip()).orElseThrow(() -> new InvalidInputException("topic",
                    "'" + in.topic() + "' is not a topic of profile " + profile.id() + " (expected " + profile.topicFilters(null) + ")"));
        }
        String key = in.deviceKey().strip();
        if (key.length() > 200 || key.contains("/") || key.contains("+") || key.contains("#") || key.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("deviceKey", "must be one MQTT topic level (1-200 characters, no '/', '+', '#' or control characters)");
        }
        return key;
    }

    public Optional<Sensor> find(long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sensors WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public List<Sensor> listByCentre(long centreId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM sensors WHERE centre_id = ? ORDER BY id", centreId);
    }

    /** Every active sensor, for the telemetry router. */
    public List<Sensor> listActive() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM sensors WHERE active ORDER BY id", null);
    }

    /** Every sensor, active or not, by id: for in-memory views other modules keep (e.g. where each sensor is installed). */
    public List<Sensor> listAll() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM sensors ORDER BY id", null);
    }

    public Optional<Sensor> findByDevice(String profileId, String deviceKey) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sensors WHERE profile_id = ? AND device_key = ?")) {
            ps.setString(1, profileId);
            ps.setString(2, deviceKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private List<Sensor> query(String sql, Long param) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setLong(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Sensor> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        }
    }

    private static Sensor map(ResultSet rs) throws SQLException {
        return new Sensor(rs.getLong("id"), rs.getLong("centre_id"), rs.getString("name"), rs.getString("profile_id"),
                rs.getString("device_key"), rs.getString("location"), rs.getBoolean("active"), rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
