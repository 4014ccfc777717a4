package org.carewatch.core.sensors;

import java.time.Instant;

/** A sensor's stored MQTT login: its username and the hash of its password ({@link org.carewatch.core.mqtt.MqttPasswords}). */
public record DeviceCredential(long sensorId, String username, String passwordHash, Instant issuedAt) {
    /** The username a sensor's device logs in with. */
    public static String usernameOf(long sensorId) {
        return "sensor-" + sensorId;
    }

    @Override
    public String toString() {
        return "DeviceCredential[sensorId=" + sensorId + ", username=" + username + "]";
    }
}
