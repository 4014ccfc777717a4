package org.carewatch.ingest.telemetry;

import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Whether a broker lets clients in without credentials: CareWatch connects once with no username and
 * password (a throw-away client id, clean start, no session kept) before it uses an external broker.
 */
public final class BrokerProbe {
    /** What the anonymous attempt found. */
    public enum Anonymous {
        /** The broker accepted a client without credentials. */
        ACCEPTED,
        /** The broker refused it (bad user name or password, not authorized). */
        REFUSED,
        /** No answer to judge by (unreachable, timeout, TLS failure...). */
        UNKNOWN
    }

    /** MQTT 5 CONNACK reasons (and Paho's codes for MQTT 3.1.1's 4 and 5) meaning "who are you?". */
    private static final java.util.Set<Integer> AUTH_REFUSALS = java.util.Set.of(0x86, 0x87, 0x8C, 4, 5);

    private BrokerProbe() {
    }

    /** Tries an anonymous connection; {@code detail} gets the cause of an {@link Anonymous#UNKNOWN} answer. */
    public static Anonymous anonymous(String url, StringBuilder detail) {
        MqttClient c = null;
        try {
            c = new MqttClient(url, "anonymous-probe-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setSessionExpiryInterval(0L);
            o.setConnectionTimeout(10);
            c.connect(o);
            c.disconnect();
            return Anonymous.ACCEPTED;
        } catch (MqttException e) {
            if (AUTH_REFUSALS.contains(e.getReasonCode())) {
                return Anonymous.REFUSED;
            }
            detail.append(e.getMessage()).append(" (reason ").append(e.getReasonCode()).append(')');
            return Anonymous.UNKNOWN;
        } finally {
            if (c != null) {
                try {
                    c.close(true);
                } catch (MqttException ignored) {
                    // nothing left to release
                }
            }
        }
    }
}
