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

    /** Registers a sensor in a centre (the caller has checked the centre exists and is in scope), with no namespace rule. */
    public Sensor create(long centreId, SensorInput in) throws SQLException {
        return create(centreId, in, null);
    }

    /**
     * Registers a sensor in a centre (the caller has checked the centre exists and is in scope). With a
     * {@code namespace} (a centre's code) the device key must start with it and a dot ({@code C001.fridge}):
     * the broker's topics are shared by all centres, so each centre claims only names under its own code and
     * cannot take a topic meant for another centre's device. The new sensor's topics must not overlap any
     * registered sensor's (whatever the profile), so every topic routes to one sensor; a conflict is a 409
     * that names nothing of another centre.
     */
    public Sensor create(long centreId, SensorInput in, String namespace) throws SQLException {
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
        if (namespace != null && !(deviceKey.startsWith(namespace + ".") && deviceKey.length() > namespace.length() + 1)) {
            boolean byTopic = in.topic() != null && !in.topic().isBlank();
            throw new InvalidInputException(byTopic ? "topic" : "deviceKey", "the device name must start with this centre's code and a dot, e.g. '"
                    + namespace + ".kitchen-smoke' (set it as the device's name or topic in its gateway): the broker's topics are"
                    + " shared by every centre, so each centre registers devices under its own code");
        }
        String location = in.location() == null ? "" : in.location().strip();
        if (location.length() > 200) {
            throw new InvalidInputException("location", "at most 200 characters");
        }
        List<String> filters = profile.topicFilters(deviceKey);
        String sql = "INSERT INTO sensors (centre_id, name, profile_id, device_key, location, active) VALUES (?, ?, ?, ?, ?, ?) "
                + "RETURNING " + COLUMNS;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                // One registration at a time checks and claims topics, so two overlapping claims cannot both pass.
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, TOPIC_CLAIM_LOCK);
                    lock.execute();
                }
                Sensor taken = claimedBy(c, filters);
                if (taken != null) {
                    throw conflict(taken, centreId);
                }
                Sensor created;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, centreId);
                    ps.setString(2, name);
                    ps.setString(3, profile.id());
                    ps.setString(4, deviceKey);
                    ps.setString(5, location);
                    ps.setBoolean(6, in.active() == null || in.active());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        created = map(rs);
                    }
                }
                c.commit();
                return created;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new ConflictException(ELSEWHERE);
            }
            if ("23503".equals(e.getSQLState())) {
                throw new InvalidInputException("centreId", "no centre " + centreId);
            }
            throw e;
        }
    }

    /** Advisory lock key of topic claims ("sensors" in ASCII). */
    private static final long TOPIC_CLAIM_LOCK = 0x73656e736f7273L;
    private static final String ELSEWHERE = "this device (or one of its topics) is already registered; each device can be registered once."
            + " If it belongs to this centre, ask the district administrator";

    /**
     * The registered sensor one of whose topics overlaps one of {@code filters}, or null. Another sensor's
     * topic carries its device key as one level, so only sensors whose key is a level of our filters can
     * overlap them, unless our filters have a {@code +} level (then every sensor is a candidate).
     */
    private Sensor claimedBy(Connection c, List<String> filters) throws SQLException {
        java.util.Set<String> levels = new java.util.TreeSet<>();
        filters.forEach(f -> levels.addAll(List.of(f.split("/", -1))));
        boolean anyKey = levels.contains("+");
        String sql = "SELECT " + COLUMNS + " FROM sensors" + (anyKey ? "" : " WHERE device_key = ANY (?)") + " ORDER BY id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (!anyKey) {
                ps.setArray(1, c.createArrayOf("text", levels.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return firstOverlapping(rs, filters);
            }
        }
    }

    private Sensor firstOverlapping(ResultSet rs, List<String> filters) throws SQLException {
        while (rs.next()) {
            Sensor s = map(rs);
            Optional<SensorProfile> p = profiles.apply(s.profileId());
            if (p.isEmpty()) {
                continue;
            }
            List<String> theirs;
            try {
                theirs = p.get().topicFilters(s.deviceKey());
            } catch (IllegalArgumentException e) {
                continue; // a key no topic can carry routes nothing
            }
            for (String mine : filters) {
                for (String other : theirs) {
                    if (overlap(mine, other)) {
                        return s;
                    }
                }
            }
        }
        return null;
    }

    /** Whether some topic matches both MQTT filters ('+' levels only; profiles never use '#'). */
    static boolean overlap(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!x[i].equals(y[i]) && !x[i].equals("+") && !y[i].equals("+")) {
                return false;
            }
        }
        return true;
    }

    /** Names the sensor only when it is in the caller's own centre; otherwise says nothing about it. */
    private static ConflictException conflict(Sensor taken, long centreId) {
        if (taken.centreId() == centreId) {
            return new ConflictException("this device is already registered in this centre as sensor " + taken.id() + " ('" + taken.name() + "')");
        }
        return new ConflictException(ELSEWHERE);
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
