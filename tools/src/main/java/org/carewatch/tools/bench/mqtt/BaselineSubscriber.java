package org.carewatch.tools.bench.mqtt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.profiles.sensor.DecodeResult;
import org.carewatch.profiles.sensor.Reading;
import org.carewatch.profiles.sensor.SensorProfile;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The benchmark's baseline: the common naive subscriber that, in the MQTT callback, decodes a message and
 * inserts its readings with one INSERT statement committed per message, then acknowledges it.
 */
final class BaselineSubscriber implements AutoCloseable {
    private final MqttAsyncClient client;
    private final DataSource ds;
    private final java.util.Map<String, Sensor> byTopic;
    private final Function<String, Optional<SensorProfile>> profiles;
    final AtomicLong rows = new AtomicLong();
    final AtomicLong failures = new AtomicLong();

    BaselineSubscriber(String url, String clientId, DataSource ds, java.util.Map<String, Sensor> byTopic,
                       Function<String, Optional<SensorProfile>> profiles) throws MqttException {
        this.ds = ds;
        this.byTopic = byTopic;
        this.profiles = profiles;
        this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) throws Exception {
                insert(topic, m.getPayload());
                client.messageArrivedComplete(m.getId(), m.getQos());
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(15_000);
    }

    void subscribe(List<String> filters) throws MqttException {
        client.subscribe(filters.toArray(String[]::new), filters.stream().mapToInt(f -> 1).toArray()).waitForCompletion(10_000);
    }

    private void insert(String topic, byte[] payload) {
        Sensor s = byTopic.get(topic);
        if (s == null) {
            return;
        }
        DecodeResult r = profiles.apply(s.profileId()).orElseThrow().decoder().decode(topic, payload, Instant.now());
        if (!(r instanceof DecodeResult.Decoded d) || d.readings().isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO readings (time, centre_id, sensor_id, metric, value) VALUES ");
        for (int i = 0; i < d.readings().size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?)");
        }
        sql.append(" ON CONFLICT DO NOTHING");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (Reading x : d.readings()) {
                ps.setTimestamp(i++, Timestamp.from(x.observedAt()));
                ps.setLong(i++, s.centreId());
                ps.setLong(i++, s.id());
                ps.setString(i++, x.metric());
                ps.setDouble(i++, x.value());
            }
            rows.addAndGet(ps.executeUpdate());
        } catch (SQLException e) {
            failures.incrementAndGet();
        }
    }

    @Override
    public void close() {
        try {
            client.disconnect(2000).waitForCompletion(3000);
            client.close(true);
        } catch (MqttException ignored) {
            // benchmark teardown
        }
    }
}
