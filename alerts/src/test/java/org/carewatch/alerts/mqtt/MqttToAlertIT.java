package org.carewatch.alerts.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carewatch.alerts.engine.AlertEngine;
import org.carewatch.alerts.engine.DeviceAvailability;
import org.carewatch.alerts.engine.SensorReading;
import org.carewatch.alerts.history.AlertQuery;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertEvent;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.alerts.testing.AlertsFixture;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.profiles.sensor.DecodeResult;
import org.carewatch.profiles.sensor.Reading;
import org.carewatch.profiles.sensor.SensorProfile;
import org.carewatch.profiles.sensor.Severity;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end through a real broker: devices publish Zigbee2MQTT payloads with Paho, a subscriber decodes
 * them with the sensor's hardware profile and feeds the engine (what the telemetry pipeline will do),
 * alerts are committed and then go through the centre's answer to closing and the CSV export.
 */
class MqttToAlertIT {
    static final String PREFIX = "cw-alerts-it-" + UUID.randomUUID().toString().substring(0, 8);
    static AlertsFixture fx;
    static AlertEngine engine;
    static MqttClient subscriber;
    static MqttClient device;
    static final List<String> rejected = new CopyOnWriteArrayList<>();
    /** Readings handed to the engine, per sensor id. */
    static final Map<Long, java.util.concurrent.atomic.AtomicInteger> fed = new java.util.concurrent.ConcurrentHashMap<>();

    /** The centre's devices: MQTT device name → sensor id and profile. */
    record Device(long sensorId, String profileId) {
    }

    static final Map<String, Device> DEVICES = Map.of(
            PREFIX + "-kitchen-smoke", new Device(1001, "z2m-smoke"),
            PREFIX + "-room1-air", new Device(1002, "z2m-air-quality"));

    @BeforeAll
    static void setUp() throws Exception {
        fx = new AlertsFixture();
        engine = fx.engine();
        subscriber = new MqttClient(TestBroker.url(), PREFIX + "-sub", new MemoryPersistence());
        subscriber.setCallback(new Bridge());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        subscriber.connect(o);
        subscriber.subscribe("zigbee2mqtt/+", 1);
        subscriber.subscribe("zigbee2mqtt/+/availability", 1);
        device = new MqttClient(TestBroker.url(), PREFIX + "-dev", new MemoryPersistence());
        device.connect(o);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (device != null && device.isConnected()) {
            device.disconnect();
        }
        if (subscriber != null && subscriber.isConnected()) {
            subscriber.disconnect();
        }
        if (engine != null) {
            engine.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    /** Decodes what arrives with the device's profile and hands it to the engine, as ingest will. */
    static final class Bridge implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            String name = topic.substring("zigbee2mqtt/".length()).replace("/availability", "");
            Device d = DEVICES.get(name);
            if (d == null) {
                return;
            }
            SensorProfile p = fx.catalog.sensor(d.profileId()).orElseThrow();
            var online = p.decodeAvailability(topic, message.getPayload());
            if (online.isPresent()) {
                engine.onAvailability(new DeviceAvailability(fx.centreA1, d.sensorId(), online.get(), fx.clock.instant()));
                return;
            }
            DecodeResult r = p.decoder().decode(topic, message.getPayload(), fx.clock.instant());
            if (r instanceof DecodeResult.Decoded decoded) {
                for (Reading x : decoded.readings()) {
                    engine.onReading(new SensorReading(fx.centreA1, d.sensorId(), d.profileId(), x.metric(), x.value(), x.observedAt()));
                    fed.computeIfAbsent(d.sensorId(), k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                }
            } else {
                rejected.add(((DecodeResult.Rejected) r).reason());
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String uri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    static void publish(String device, String json) throws MqttException {
        MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        MqttToAlertIT.device.publish("zigbee2mqtt/" + PREFIX + "-" + device, m);
    }

    static List<Alert> alerts(long sensorId, String rule) throws SQLException {
        return fx.history.list(fx.admin, AlertQuery.all()).items().stream()
                .filter(a -> a.sourceId().equals(Long.toString(sensorId)) && a.ruleId().equals(rule)).toList();
    }

    static Alert awaitAlert(long sensorId, String rule, java.util.function.Predicate<Alert> state) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<Alert> l = alerts(sensorId, rule);
            return l.size() == 1 && state.test(l.get(0)) ? l.get(0) : null;
        }, a -> a != null);
    }

    @Test
    void smokeOverMqttRaisesOnceAndGoesThroughTheCentresAnswer() throws Exception {
        publish("kitchen-smoke", "{\"smoke\":false,\"battery_low\":false,\"tamper\":false,\"battery\":90}");
        publish("kitchen-smoke", "{\"smoke\":true,\"battery_low\":false,\"tamper\":false,\"battery\":90}");
        Alert a = awaitAlert(1001, "smoke", x -> true);
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.kind()).isEqualTo("smoke");
        assertThat(fx.notices).anyMatch(n -> n.event().equals("alert.raised") && n.alert().id() == a.id());

        // The detector keeps reporting smoke: still one alert, counted once.
        publish("kitchen-smoke", "{\"smoke\":true,\"battery\":90}");
        publish("kitchen-smoke", "{\"smoke\":true,\"battery\":89}");
        publish("kitchen-smoke", "{\"smoke\":false,\"battery\":89}");
        Alert cleared = awaitAlert(1001, "smoke", x -> !x.conditionActive());
        assertThat(cleared.id()).isEqualTo(a.id());
        assertThat(cleared.occurrences()).isEqualTo(1);

        fx.service.acknowledge(fx.officer, a.id(), null);
        fx.service.answer(fx.facilityA1, a.id(), "Burnt toast in the kitchen; detector tested", null, null);
        fx.service.resolve(fx.officer, a.id(), "checked on camera");
        Alert closed = fx.service.close(fx.officer, a.id(), null);
        assertThat(closed.state()).isEqualTo(AlertState.CLOSED);
        assertThat(fx.repo.events(a.id())).extracting(AlertEvent::action)
                .containsExactly("raise", "condition_cleared", "acknowledge", "answer", "resolve", "close");

        StringWriter csv = new StringWriter();
        fx.history.exportCsv(fx.auditor, new AlertQuery(fx.centreA1, null, null, "smoke", null, null, null, 1, 0), csv);
        assertThat(csv.toString()).contains(a.id() + "," + fx.centreA1 + ",sensor,1001,smoke,smoke,critical,closed,Smoke detected,");
        assertThat(rejected).isEmpty();
    }

    @Test
    void co2OverMqttHonoursPendingDurationAndHysteresis() throws Exception {
        Instant t0 = AlertsFixture.WEDNESDAY_10;
        publish("room1-air", "{\"co2\":1600,\"last_seen\":\"" + t0 + "\"}");
        publish("room1-air", "{\"co2\":1600,\"last_seen\":\"" + t0.plusSeconds(300) + "\"}");
        await().atMost(Duration.ofSeconds(15)).until(() -> "pending".equals(engine.phase(AlertEngine.sensorKey(1002, "co2-critical")))
                && engine.idle());
        assertThat(alerts(1002, "co2-critical")).isEmpty();
        publish("room1-air", "{\"co2\":1600,\"last_seen\":\"" + t0.plusSeconds(600) + "\"}");
        Alert a = awaitAlert(1002, "co2-critical", x -> true);
        assertThat(a.detail()).containsEntry("since", t0.toString());
        publish("room1-air", "{\"co2\":1450,\"last_seen\":\"" + t0.plusSeconds(660) + "\"}");
        publish("room1-air", "{\"co2\":1460,\"last_seen\":\"" + t0.plusSeconds(720) + "\"}");
        // Both in-band readings (one metric each) have reached the engine and its writes are done.
        await().atMost(Duration.ofSeconds(15)).until(() -> fed.get(1002L).get() == 5 && engine.idle());
        assertThat(fx.repo.find(a.id()).orElseThrow().conditionActive()).isTrue();
        publish("room1-air", "{\"co2\":1390,\"last_seen\":\"" + t0.plusSeconds(780) + "\"}");
        awaitAlert(1002, "co2-critical", x -> !x.conditionActive());
    }

    @Test
    void lastWillOfflineBecomesAnAlertAfterTheGrace() throws Exception {
        MqttMessage m = new MqttMessage("{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        device.publish("zigbee2mqtt/" + PREFIX + "-kitchen-smoke/availability", m);
        await().atMost(Duration.ofSeconds(15)).until(() -> "pending".equals(engine.phase(AlertEngine.sensorKey(1001, "device-offline"))));
        fx.clock.advance(fx.cfg.deviceOfflineAfter());
        try {
            engine.tick();
            assertThat(awaitAlert(1001, "device-offline", x -> true).severity()).isEqualTo(Severity.MINOR);
        } finally {
            fx.clock.set(AlertsFixture.WEDNESDAY_10);
        }
    }
}
