package org.carewatch.ingest.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Ends persistent sessions at the broker: connecting as the session's client id with clean start and a
 * session expiry of 0 discards the session, its subscriptions and whatever the broker queued for it.
 * For a node that is gone for good (its queue would otherwise fill for nobody; with Mosquitto a member of
 * a shared subscription group keeps receiving its share), and for benchmarks cleaning up after themselves.
 * Never for a running node: connecting as its client id takes its connection over.
 */
public final class BrokerSessions {
    private BrokerSessions() {
    }

    /** The client id of a node's (routine) session; its other client ids extend this one. */
    public static String nodeClientId(String clientIdPrefix, String nodeName) {
        return clientIdPrefix + "-" + nodeName;
    }

    /** The client ids of a node's sessions: the routine one and the life-safety one. */
    public static List<String> ofNode(String clientIdPrefix, String nodeName) {
        String id = nodeClientId(clientIdPrefix, nodeName);
        return List.of(id, id + TelemetryPipeline.LIFE_SAFETY_SESSION_SUFFIX);
    }

    /**
     * Ends the session of {@code clientId} (a session that is not there is no error).
     *
     * @throws MqttException when the broker cannot be reached or refuses the connection
     */
    public static void end(String url, String clientId, String username, String password) throws MqttException {
        MqttClient c = new MqttClient(url, clientId, new MemoryPersistence());
        try {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setSessionExpiryInterval(0L);
            o.setConnectionTimeout(10);
            if (username != null && !username.isEmpty()) {
                o.setUserName(username);
                o.setPassword(password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8));
            }
            c.connect(o);
            c.disconnect();
        } finally {
            c.close(true);
        }
    }

    /** {@link #end} for clean-up paths: problems are returned as text, not thrown (null when done). */
    public static String endQuietly(String url, String clientId) {
        try {
            end(url, clientId, null, null);
            return null;
        } catch (MqttException | RuntimeException e) {
            return "could not remove the session " + clientId + " at the broker: " + e.getMessage();
        }
    }
}
