package org.carewatch.core.sensors;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.carewatch.core.mqtt.BrokerAccess;
import org.carewatch.core.mqtt.MqttLogin;
import org.carewatch.core.mqtt.MqttPasswords;
import org.carewatch.profiles.sensor.SensorProfile;

/**
 * The embedded broker's rule: CareWatch's own login may do anything (its sessions subscribe to every
 * sensor topic); its client ids (those starting with the reserved prefix) are for that login only, so no one
 * can take its sessions over; every other client logs in as a registered, active sensor and may publish only
 * to that sensor's topics (its profile's topics with its device key), and subscribe to nothing. Anonymous
 * clients and wrong passwords are refused. One database lookup and one hash per connection, none per message.
 */
public final class DeviceAccess implements BrokerAccess {
    private final MqttLogin internal;
    private final String reservedPrefix;
    private final DeviceCredentialRepository credentials;
    private final SensorRepository sensors;
    private final Function<String, Optional<SensorProfile>> profiles;

    public DeviceAccess(MqttLogin internal, String reservedPrefix, DeviceCredentialRepository credentials, SensorRepository sensors,
                        Function<String, Optional<SensorProfile>> profiles) {
        if (internal == null || internal.username() == null || internal.username().isEmpty()
                || internal.password() == null || internal.password().isEmpty()) {
            throw new IllegalArgumentException("CareWatch's own MQTT login needs a username and a password");
        }
        this.internal = internal;
        this.reservedPrefix = reservedPrefix;
        this.credentials = credentials;
        this.sensors = sensors;
        this.profiles = profiles;
    }

    @Override
    public Grant authenticate(String clientId, String username, byte[] password) throws SQLException {
        if (username == null || username.isEmpty()) {
            return Grant.badLogin("no username: anonymous clients are refused");
        }
        if (username.equals(internal.username())) {
            boolean ok = password != null && MessageDigest.isEqual(password, internal.password().getBytes(StandardCharsets.UTF_8));
            return ok ? Grant.everything(username) : Grant.badLogin("wrong password for CareWatch's own login");
        }
        if (clientId != null && !reservedPrefix.isEmpty() && clientId.startsWith(reservedPrefix)) {
            return Grant.notAuthorized("client id '" + clientId + "' is reserved for CareWatch's own sessions (user " + username + ")");
        }
        Optional<DeviceCredential> cred = credentials.findByUsername(username);
        String pw = password == null ? null : new String(password, StandardCharsets.UTF_8);
        if (cred.isEmpty() || !MqttPasswords.matches(pw, cred.get().passwordHash())) {
            return Grant.badLogin("unknown username or wrong password (user " + username + ")");
        }
        Sensor s = sensors.find(cred.get().sensorId()).orElse(null);
        if (s == null || !s.active()) {
            return Grant.notAuthorized("sensor of user " + username + " is not active");
        }
        List<String> topics;
        try {
            topics = profiles.apply(s.profileId()).map(p -> p.topicFilters(s.deviceKey())).orElse(List.of());
        } catch (IllegalArgumentException badKey) {
            topics = List.of();
        }
        if (topics.isEmpty()) {
            return Grant.notAuthorized("sensor " + s.id() + " has no topics (unknown profile " + s.profileId() + ")");
        }
        return Grant.publishOnly(username, topics);
    }
}
