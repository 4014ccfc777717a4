package org.carewatch.ingest.telemetry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CareWatch's MQTT v5 session with the broker: persistent (clean start off, session expiry set) so QoS 1
 * messages queued while we were away are delivered, reconnecting on its own. Readiness reads its state.
 *
 * <p>The telemetry pipeline installs a {@link MessageHandler} and its subscriptions before
 * {@link #connect()}; they are (re)made after every connect. With manual acknowledgements a QoS 1 message
 * is acknowledged only when {@link #ack} is called, so the broker redelivers whatever was not yet stored
 * when CareWatch stops or dies, and holds back new messages beyond the Receive Maximum while it is slow.
 * Messages of shared subscriptions ({@code $share/group/...}) reach only the client-wide callback, which
 * is why the handler is installed there rather than per subscription.
 */
public final class BrokerConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrokerConnection.class);
    /** How long the broker keeps our session (and queues for it) while we are disconnected: one day. */
    static final long SESSION_EXPIRY_SECONDS = 24 * 3600;

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String url;
    private final String username;
    private final String password;
    private final boolean manualAcks;
    private final Integer receiveMaximum;
    private final AtomicReference<String> lastProblem = new AtomicReference<>("not connected yet");
    /** Incremented when a connection is lost: acknowledgements for messages of an older connection are dropped. */
    private final AtomicLong epoch = new AtomicLong();
    private final List<String> subscriptions = new CopyOnWriteArrayList<>();
    private volatile MessageHandler handler = (topic, message, connection) -> {
    };
    private volatile int subscriptionQos = 1;
    private final java.util.concurrent.atomic.AtomicInteger subscribedCount = new java.util.concurrent.atomic.AtomicInteger();

    /** Receives every message; runs on Paho's callback thread, so it must only hand the message on. */
    @FunctionalInterface
    public interface MessageHandler {
        void onMessage(String topic, MqttMessage message, long connectionEpoch);
    }

    public BrokerConnection(String url, String clientId, String username, String password) throws MqttException {
        this(url, clientId, username, password, false, null);
    }

    /**
     * @param manualAcks     acknowledge QoS 1 messages only through {@link #ack}
     * @param receiveMaximum most un-acknowledged QoS 1 messages the broker may send us (null: protocol default 65535)
     */
    public BrokerConnection(String url, String clientId, String username, String password, boolean manualAcks,
                            Integer receiveMaximum) throws MqttException {
        this.url = url;
        this.username = username;
        this.password = password;
        this.manualAcks = manualAcks;
        this.receiveMaximum = receiveMaximum;
        this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setManualAcks(manualAcks);
        this.options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        if (receiveMaximum != null) {
            options.setReceiveMaximum(receiveMaximum);
        }
        if (username != null && !username.isEmpty()) {
            options.setUserName(username);
            options.setPassword(password == null ? new byte[0] : password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        BufferedSocketFactory.applyTo(options, url);
        client.setCallback(new StateCallback());
    }

    /** A second session with the same broker, credentials and options, as client {@code clientId + suffix}. */
    public BrokerConnection companion(String suffix) throws MqttException {
        return new BrokerConnection(url, client.getClientId() + suffix, username, password, manualAcks, receiveMaximum);
    }

    public String clientId() {
        return client.getClientId();
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

    public void setMessageHandler(MessageHandler h) {
        this.handler = h;
    }

    /**
     * Subscribes to {@code filters} now (when connected) and after every later connect. A non-empty
     * {@code sharedGroup} makes them shared subscriptions, so several nodes split the messages.
     */
    public void subscribe(List<String> filters, int qos, String sharedGroup) {
        subscriptionQos = qos;
        boolean added = false;
        for (String f : filters) {
            String full = sharedGroup == null || sharedGroup.isEmpty() ? f : "$share/" + sharedGroup + "/" + f;
            if (!subscriptions.contains(full)) {
                subscriptions.add(full);
                added = true;
            }
        }
        if (added && client.isConnected()) {
            subscribeAll();
        }
    }

    private void subscribeAll() {
        if (subscriptions.isEmpty()) {
            return;
        }
        MqttSubscription[] subs = subscriptions.stream().map(f -> new MqttSubscription(f, subscriptionQos))
                .toArray(MqttSubscription[]::new);
        try {
            client.subscribe(subs).setActionCallback(new org.eclipse.paho.mqttv5.client.MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    subscribedCount.set(subs.length);
                    log.info("MQTT subscribed to {} filter(s)", subs.length);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    lastProblem.set("subscribe failed: " + e.getMessage());
                    log.warn("MQTT: {}", lastProblem.get());
                }
            });
        } catch (MqttException e) {
            log.warn("MQTT subscribe failed: {}", e.getMessage());
        }
    }

    /** True when every subscription asked for so far has been confirmed by the broker on this connection. */
    public boolean subscribed() {
        return client.isConnected() && subscribedCount.get() >= subscriptions.size();
    }

    /** The current connection's epoch, given to the handler with each message. */
    public long epoch() {
        return epoch.get();
    }

    /**
     * Acknowledges a QoS 1/2 message received on connection {@code connectionEpoch}. Messages of an
     * earlier connection are not acknowledged: the broker redelivers them and the store drops the copy.
     *
     * @return true when the acknowledgement was sent
     */
    public boolean ack(int messageId, int qos, long connectionEpoch) {
        if (qos == 0 || connectionEpoch != epoch.get() || !client.isConnected()) {
            return false;
        }
        try {
            client.messageArrivedComplete(messageId, qos);
            return true;
        } catch (MqttException | RuntimeException e) {
            log.debug("MQTT ack of {} failed: {}", messageId, e.getMessage());
            return false;
        }
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
            epoch.incrementAndGet();
            subscribedCount.set(0);
            lastProblem.set("disconnected from broker: " + response.getReasonString());
            log.warn("MQTT: {}", lastProblem.get());
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            lastProblem.set("MQTT error: " + e.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            handler.onMessage(topic, message, epoch.get());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            lastProblem.set(null);
            log.info("MQTT {} to {}", reconnect ? "reconnected" : "connected", serverURI);
            subscribeAll();
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
