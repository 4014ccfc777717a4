package org.carewatch.core.sensors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.carewatch.core.mqtt.MqttLogin;
import org.carewatch.core.mqtt.MqttPasswords;

/** The {@code mqtt_credentials} table: one login per sensor, only the password's hash. */
public final class DeviceCredentialRepository {
    private final DataSource ds;

    public DeviceCredentialRepository(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Issues a new password for the sensor (replacing any earlier one) and returns it in clear: the only
     * time it exists outside the device.
     */
    public MqttLogin issue(long sensorId) throws SQLException {
        String username = DeviceCredential.usernameOf(sensorId);
        String password = MqttPasswords.generate();
        String sql = "INSERT INTO mqtt_credentials (sensor_id, username, password_hash) VALUES (?, ?, ?) "
                + "ON CONFLICT (sensor_id) DO UPDATE SET username = EXCLUDED.username, password_hash = EXCLUDED.password_hash, issued_at = now()";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, sensorId);
            ps.setString(2, username);
            ps.setString(3, MqttPasswords.hash(password));
            ps.executeUpdate();
        }
        return new MqttLogin(username, password);
    }

    public Optional<DeviceCredential> findByUsername(String username) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT sensor_id, username, password_hash, issued_at FROM mqtt_credentials WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The logins of every active sensor, by sensor id: what an external broker's password file holds. */
    public List<DeviceCredential> listActive() throws SQLException {
        String sql = "SELECT m.sensor_id, m.username, m.password_hash, m.issued_at FROM mqtt_credentials m "
                + "JOIN sensors s ON s.id = m.sensor_id WHERE s.active ORDER BY m.sensor_id";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<DeviceCredential> out = new ArrayList<>();
            while (rs.next()) {
                out.add(map(rs));
            }
            return out;
        }
    }

    private static DeviceCredential map(ResultSet rs) throws SQLException {
        return new DeviceCredential(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant());
    }
}
