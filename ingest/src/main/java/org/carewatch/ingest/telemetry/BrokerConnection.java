package org.carewatch.ingest.telemetry;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CareWatch's MQTT v5 session with the broker: persistent (clean start off, session expiry set) so QoS 1
 * messages queued while we were away are delivered, reconnecting on its own. Readiness reads its state.
 */
public final class BrokerConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrokerConnection.class);
    /** How long the broker keeps our session (and queues for it) while we are disconnected: one day. */
    static final long SESSION_EXPIRY_SECONDS = 24 * 3600;

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final AtomicReference<String> lastProblem = new AtomicReference<>("not connected yet");

    public BrokerConnection(String url, String clientId, String username, String password) throws MqttException {
        this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        this.options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        if (username != null && !username.isEmpty()) {
            options.setUserName(username);
            options.setPassword(password == null ? new byte[0] : password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        client.setCallback(new StateCallback());
    }

    /** Starts connecting; returns at once. Connection problems show in {@link #problem()}. */
    public void connect() {
        try {
            client.connect(options).setActionCallback(new org.eclipse.paho.mqttv5.client.MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    lastProblem.set(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    lastProblem.set("cannot connect to " + client.getServerURI() + ": " + e.getMessage());
                    log.warn("MQTT: {}", lastProblem.get());
                    scheduleRetry();
                }
            });
        } catch (MqttException e) {
            lastProblem.set("cannot connect to " + client.getServerURI() + ": " + e.getMessage());
        }
    }

    /** Paho retries by itself only after a first successful connect; before that we retry. */
    private void scheduleRetry() {
        Thread.ofVirtual().name("mqtt-retry").start(() -> {
            try {
                TimeUnit.SECONDS.sleep(5);
                if (!client.isConnected()) {
                    connect();
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Why the broker is not reachable, or null when connected. */
    public String problem() {
        return client.isConnected() ? null : lastProblem.get();
    }

    public MqttAsyncClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(5000).waitForCompletion(6000);
            }
            client.close(true);
        } catch (MqttException e) {
            log.debug("MQTT close: {}", e.getMessage());
        }
    }

    private final class StateCallback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            lastProblem.set("disconnected from broker: " + response.getReasonString());
            log.warn("MQTT: {}", lastProblem.get());
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            lastProblem.set("MQTT error: " + e.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Subscriptions are added by the telemetry pipeline, which installs its own handling.
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            lastProblem.set(null);
            log.info("MQTT {} to {}", reconnect ? "reconnected" : "connected", serverURI);
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
