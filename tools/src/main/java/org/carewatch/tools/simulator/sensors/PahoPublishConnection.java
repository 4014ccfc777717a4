package org.carewatch.tools.simulator.sensors;

import java.util.function.Consumer;
import org.carewatch.ingest.telemetry.BufferedSocketFactory;
import org.carewatch.core.mqtt.MqttLogin;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Paho v5 connection that reconnects by itself: for simulators that run for hours (the CLI, the demo). */
final class PahoPublishConnection implements PublishConnection {
    private static final Logger log = LoggerFactory.getLogger(PahoPublishConnection.class);

    private final MqttAsyncClient client;
    private final int window;

    PahoPublishConnection(String brokerUrl, String clientId, int maxWindow, MqttLogin login) throws MqttException {
        client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 5);
        o.setConnectionTimeout(10);
        if (login != null) {
            o.setUserName(login.username());
            o.setPassword(login.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        BufferedSocketFactory.applyTo(o, brokerUrl);
        IMqttToken connected = client.connect(o);
        connected.waitForCompletion(15_000);
        Integer announced = connected.getResponseProperties() == null ? null : connected.getResponseProperties().getReceiveMaximum();
        window = announced == null || announced <= 0 ? maxWindow : Math.min(maxWindow, announced);
    }

    @Override
    public int window() {
        return window;
    }

    @Override
    public boolean publish(String topic, byte[] payload, int qos, Consumer<Boolean> done) {
        MqttMessage msg = new MqttMessage(payload);
        msg.setQos(qos);
        try {
            client.publish(topic, msg, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.accept(true);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    done.accept(false);
                }
            });
            return true;
        } catch (MqttException e) {
            return false; // not connected, or Paho's own window is full
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
            client.close(true);
        } catch (MqttException e) {
            log.debug("simulator client close: {}", e.getMessage());
        }
    }
}
