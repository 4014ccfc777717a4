package org.carewatch.core.sensors;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>While PostgreSQL is unreachable (readings then wait in the spool) a device that reconnects is checked
 * against what the last successful lookup of its login found, so an outage of the store does not also shut
 * devices out; a login never looked up is refused until the store is back.
 */
public final class DeviceAccess implements BrokerAccess {
    private final MqttLogin internal;
    private final String reservedPrefix;
    private final DeviceCredentialRepository credentials;
    private final SensorRepository sensors;
    private final Function<String, Optional<SensorProfile>> profiles;
    /** The last lookup of each device login that succeeded: its hash and topics (null topics: not allowed in). */
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    private record Known(String passwordHash, List<String> topics, String refusal) {
    }

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
        String pw = password == null ? null : new String(password, StandardCharsets.UTF_8);
        Known k;
        try {
            k = lookUp(username);
        } catch (SQLException storeAway) {
            k = known.get(username);
            if (k == null) {
                throw storeAway;
            }
        }
        if (k == null || !MqttPasswords.matches(pw, k.passwordHash())) {
            return Grant.badLogin("unknown username or wrong password (user " + username + ")");
        }
        return k.refusal() != null ? Grant.notAuthorized(k.refusal()) : Grant.publishOnly(username, k.topics());
    }

    /** Forgets what was known of a login (its password was replaced): only the store decides for it again. */
    public void forget(String username) {
        known.remove(username);
    }

    private Known lookUp(String username) throws SQLException {
        Optional<DeviceCredential> cred = credentials.findByUsername(username);
        if (cred.isEmpty()) {
            known.remove(username);
            return null;
        }
        Sensor s = sensors.find(cred.get().sensorId()).orElse(null);
        Known k;
        if (s == null || !s.active()) {
            k = new Known(cred.get().passwordHash(), List.of(), "sensor of user " + username + " is not active");
        } else {
            List<String> topics;
            try {
                topics = profiles.apply(s.profileId()).map(p -> p.topicFilters(s.deviceKey())).orElse(List.of());
            } catch (IllegalArgumentException badKey) {
                topics = List.of();
            }
            k = topics.isEmpty() ? new Known(cred.get().passwordHash(), List.of(), "sensor " + s.id() + " has no topics (unknown profile "
                    + s.profileId() + ")") : new Known(cred.get().passwordHash(), topics, null);
        }
        known.put(username, k);
        return k;
    }
}
