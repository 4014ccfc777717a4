package org.carewatch.core.sensors;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.carewatch.core.mqtt.MosquittoFiles;
import org.carewatch.core.mqtt.MqttLogin;
import org.carewatch.core.mqtt.MqttPasswords;
import org.carewatch.profiles.sensor.SensorProfile;

/**
 * The logins an external broker must know, from the registry: CareWatch's own (everything) and each active
 * sensor's (publish to its own topics), the same rule {@link DeviceAccess} applies in the embedded broker.
 */
public final class MqttAccounts {
    private MqttAccounts() {
    }

    /** The accounts; sensors with an unknown profile or a key no topic can carry are left out (they could publish nowhere). */
    public static List<MosquittoFiles.Account> fromRegistry(MqttLogin internal, DeviceCredentialRepository credentials,
                                                            SensorRepository sensors, Function<String, Optional<SensorProfile>> profiles)
            throws SQLException {
        List<MosquittoFiles.Account> out = new ArrayList<>();
        out.add(new MosquittoFiles.Account(internal.username(), MqttPasswords.hash(internal.password()), true, List.of()));
        Map<Long, Sensor> active = sensors.listActive().stream().collect(Collectors.toMap(Sensor::id, s -> s));
        for (DeviceCredential c : credentials.listActive()) {
            Sensor s = active.get(c.sensorId());
            if (s == null || c.username().equals(internal.username())) {
                continue;
            }
            List<String> topics;
            try {
                topics = profiles.apply(s.profileId()).map(p -> p.topicFilters(s.deviceKey())).orElse(List.of());
            } catch (IllegalArgumentException badKey) {
                topics = List.of();
            }
            if (!topics.isEmpty()) {
                out.add(new MosquittoFiles.Account(c.username(), c.passwordHash(), false, topics));
            }
        }
        return out;
    }
}
