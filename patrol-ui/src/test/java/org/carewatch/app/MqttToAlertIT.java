package org.carewatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.carewatch.alerts.engine.AlertEngine;
import org.carewatch.alerts.notify.AlertNotice;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.readings.DeviceEvent;
import org.carewatch.core.readings.Reading;
import org.carewatch.core.readings.ReadingListener;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT to alert through the real pipeline of a running node: devices publish Zigbee2MQTT payloads to the
 * broker, the node's {@code TelemetryPipeline} routes, decodes and commits them, its rules hook
 * ({@link SensorAlerts}, wired by {@link CareWatchApp}) hands them to the {@link AlertEngine}, and alerts are
 * stored and then go through the centre's answer to closing and the CSV export over the API.
 *
 * <p>The test listens on the pipeline as a second rules hook. Hooks hear a batch in the order they were
 * added, so once this one has heard a reading, {@link SensorAlerts} has handed it to the engine: the test
 * waits for exactly the messages it sent to be processed, never for a while.
 */
class MqttToAlertIT {
    static final String PREFIX = "cw-m2a-" + UUID.randomUUID().toString().substring(0, 8);
    /** Device names start with the centre's code and a dot (devices are registered under their centre's code). */
    static final String DEVICES = "M1." + PREFIX;
    /** Short, so that the last-will scenario runs in seconds; long enough to see the alert pending first. */
    static final Duration OFFLINE_GRACE = Duration.ofSeconds(5);

    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static ZoneId zone;
    static CareWatchApp app;
    static Http http;
    static MqttClient device;
    static long centre;
    static String officer;
    static String facility;
    static String auditor;
    static long kitchenSmoke;
    static long roomAir;
    static long hallSmoke;

    static final List<AlertNotice> notices = new CopyOnWriteArrayList<>();
    /** What the rules hook was handed: "sensorId metric time" per reading, "sensorId online|offline" per device event. */
    static final Set<String> heard = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.create();
        CareWatchConfig cfg = TestApp.config(db, dataDir, TestBroker.url());
        cfg = cfg.withAlerts(ConfigLoader.load(null, Map.of("CAREWATCH_ALERTS_DEVICE_OFFLINE_AFTER", OFFLINE_GRACE.toString())).alerts());
        // The CO2 test drives the rules' clock with device timestamps up to a week ahead: allow that skew here
        // (by default a reading stamped more than 2 minutes ahead is kept with its arrival time).
        cfg = cfg.withTelemetry(cfg.telemetry().withMaxClockSkew(Duration.ofDays(14)));
        zone = cfg.alerts().zone();
        app = CareWatchApp.start(cfg, false);
        // A centre open Monday to Friday 07:30-17:30 (the defaults), known to the engine's calendar from its first read.
        TestData data = new TestData(app.store().dataSource());
        long district = data.district("M");
        centre = data.centre(district, "M1");
        data.user("m-admin", "pw", Role.ADMIN, district);
        data.user("m-officer", "pw", Role.OFFICER, district);
        data.user("m-auditor", "pw", Role.AUDITOR, district);
        data.user("m-staff", "pw", Role.FACILITY, centre);
        http = new Http(app.httpPort());
        String admin = http.token("m-admin", "pw");
        officer = http.token("m-officer", "pw");
        facility = http.token("m-staff", "pw");
        auditor = http.token("m-auditor", "pw");
        app.alertNotifier().add(notices::add);
        app.telemetry().addListener(new ReadingListener() {
            @Override
            public void readingsAccepted(List<Reading> readings) {
                readings.forEach(r -> heard.add(r.sensorId() + " " + r.metric() + " " + r.time()));
            }

            @Override
            public void deviceEvent(DeviceEvent e) {
                heard.add(e.sensorId() + " " + (e.online() ? "online" : "offline"));
            }
        });

        // Registered through the API like a facility would: the node's router picks them up.
        kitchenSmoke = register(admin, "kitchen-smoke", "z2m-smoke");
        roomAir = register(admin, "room1-air", "z2m-air-quality");
        hallSmoke = register(admin, "hall-smoke", "z2m-smoke");

        device = new MqttClient(TestBroker.url(), PREFIX + "-dev", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        device.connect(o);
        // Until the router knows each device, its messages are rejected as unknown topics: send a harmless
        // reading until one is heard. Later messages of the same device follow it in order.
        awaitRouted(kitchenSmoke, "kitchen-smoke", "smoke", "{\"smoke\":false,\"last_seen\":\"%s\"}");
        awaitRouted(roomAir, "room1-air", "co2", "{\"co2\":600,\"last_seen\":\"%s\"}");
        awaitRouted(hallSmoke, "hall-smoke", "smoke", "{\"smoke\":false,\"last_seen\":\"%s\"}");
        // Smoke detectors are life-safety devices: their messages come over the node's second session.
        await().atMost(Duration.ofSeconds(20)).until(() -> app.telemetry().lifeSafetySessionSubscribed());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (device != null && device.isConnected()) {
            device.disconnect();
        }
        if (device != null) {
            device.close();
        }
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static long register(String token, String name, String profile) {
        var r = http.post("/api/v1/centres/" + centre + "/sensors", token, "{\"name\":\"" + name + "\",\"profileId\":\"" + profile
                + "\",\"deviceKey\":\"" + DEVICES + "-" + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static void awaitRouted(long sensorId, String name, String metric, String probe) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (heard.stream().anyMatch(h -> h.startsWith(sensorId + " " + metric + " "))) {
                return true;
            }
            publish(name, probe.formatted(Instant.now()));
            return false;
        });
    }

    static void publish(String name, String json) throws Exception {
        MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        device.publish("zigbee2mqtt/" + DEVICES + "-" + name, m);
    }

    /** Waits until the rules hook has been handed these readings (and so has the engine), then until its writes are done. */
    static void awaitProcessed(long sensorId, String metric, Instant... times) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            for (Instant t : times) {
                if (!heard.contains(sensorId + " " + metric + " " + t)) {
                    return false;
                }
            }
            return app.alertEngine().idle();
        });
    }

    static List<JsonNode> alerts(long sensorId, String rule) {
        var r = http.get("/api/v1/alerts?centre=" + centre + "&source=sensor&limit=200", officer);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return StreamSupport.stream(r.json().get("items").spliterator(), false)
                .filter(a -> a.get("sourceId").asText().equals(Long.toString(sensorId)) && a.get("ruleId").asText().equals(rule))
                .toList();
    }

    static JsonNode awaitAlert(long sensorId, String rule, java.util.function.Predicate<JsonNode> state) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<JsonNode> l = alerts(sensorId, rule);
            return l.size() == 1 && state.test(l.get(0)) ? l.get(0) : null;
        }, a -> a != null);
    }

    static JsonNode act(long alertId, String action, String token, String body) {
        var r = http.post("/api/v1/alerts/" + alertId + "/" + action, token, body);
        assertThat(r.status()).as(action + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void smokeOverMqttRaisesOnceAndGoesThroughTheCentresAnswer() throws Exception {
        publish("kitchen-smoke", "{\"smoke\":false,\"battery_low\":false,\"tamper\":false,\"battery\":90}");
        publish("kitchen-smoke", "{\"smoke\":true,\"battery_low\":false,\"tamper\":false,\"battery\":90}");
        JsonNode a = awaitAlert(kitchenSmoke, "smoke", x -> true);
        long id = a.get("id").asLong();
        assertThat(a.get("severity").asText()).isEqualTo("critical");
        assertThat(a.get("kind").asText()).isEqualTo("smoke");
        assertThat(a.get("detail").get("profileId").asText()).isEqualTo("z2m-smoke");
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.stream()
                .anyMatch(n -> n.event().equals("alert.raised") && n.alert().id() == id));

        // The detector keeps reporting smoke: still one alert, counted once; then the smoke is gone.
        Instant t = Instant.now();
        publish("kitchen-smoke", "{\"smoke\":true,\"battery\":90,\"last_seen\":\"" + t + "\"}");
        publish("kitchen-smoke", "{\"smoke\":true,\"battery\":89,\"last_seen\":\"" + t.plusMillis(1) + "\"}");
        publish("kitchen-smoke", "{\"smoke\":false,\"battery\":89,\"last_seen\":\"" + t.plusMillis(2) + "\"}");
        awaitProcessed(kitchenSmoke, "smoke", t, t.plusMillis(1), t.plusMillis(2));
        JsonNode cleared = awaitAlert(kitchenSmoke, "smoke", x -> !x.get("conditionActive").asBoolean());
        assertThat(cleared.get("id").asLong()).isEqualTo(id);
        assertThat(cleared.get("occurrences").asInt()).isEqualTo(1);

        act(id, "ack", officer, "{}");
        act(id, "answer", facility, "{\"text\":\"Burnt toast in the kitchen; detector tested\"}");
        act(id, "resolve", officer, "{\"note\":\"checked on camera\"}");
        assertThat(act(id, "close", officer, "{}").get("state").asText()).isEqualTo("closed");
        var detail = http.get("/api/v1/alerts/" + id, auditor).json();
        List<String> actions = new ArrayList<>();
        detail.get("events").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsExactly("raise", "condition_cleared", "acknowledge", "answer", "resolve", "close");

        var csv = http.get("/api/v1/alerts/export.csv?centre=" + centre + "&kind=smoke&limit=1", auditor);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains(id + "," + centre + ",sensor," + kitchenSmoke + ",smoke,smoke,critical,closed,Smoke detected,");
        // Nothing the devices sent was refused (unknown topics are the probes sent before the router knew them).
        assertThat(app.telemetry().stats().rejected()).containsEntry("malformed", 0L).containsEntry("out_of_range", 0L)
                .containsEntry("oversized", 0L);
    }

    @Test
    void co2OverMqttHonoursPendingDurationAndHysteresis() throws Exception {
        // A Wednesday 10:00 ahead of the node's clock, within the centre's opening hours: the engine's own
        // ticker (real time) never decides for these readings, their timestamps alone make the duration.
        Instant t0 = LocalDate.now(zone).plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY))
                .atTime(LocalTime.of(10, 0)).atZone(zone).toInstant();
        String rule = AlertEngine.sensorKey(roomAir, "co2-critical");
        publish("room1-air", "{\"co2\":1600,\"last_seen\":\"" + t0 + "\"}");
        publish("room1-air", "{\"co2\":1600,\"last_seen\":\"" + t0.plusSeconds(300) + "\"}");
        awaitProcessed(roomAir, "co2", t0, t0.plusSeconds(300));
        assertThat(app.alertEngine().phase(rule)).isEqualTo("pending");
        assertThat(alerts(roomAir, "co2-critical")).isEmpty();

        publish("room1-air", "{\"co2\":1600,\"last_seen\":\"" + t0.plusSeconds(600) + "\"}");
        JsonNode a = awaitAlert(roomAir, "co2-critical", x -> true);
        assertThat(a.get("detail").get("since").asText()).isEqualTo(t0.toString());

        // Below the threshold but above the clear level: the alert's condition holds.
        publish("room1-air", "{\"co2\":1450,\"last_seen\":\"" + t0.plusSeconds(660) + "\"}");
        publish("room1-air", "{\"co2\":1460,\"last_seen\":\"" + t0.plusSeconds(720) + "\"}");
        awaitProcessed(roomAir, "co2", t0.plusSeconds(660), t0.plusSeconds(720));
        assertThat(alerts(roomAir, "co2-critical")).singleElement()
                .satisfies(x -> assertThat(x.get("conditionActive").asBoolean()).isTrue());
        publish("room1-air", "{\"co2\":1390,\"last_seen\":\"" + t0.plusSeconds(780) + "\"}");
        awaitAlert(roomAir, "co2-critical", x -> !x.get("conditionActive").asBoolean());
    }

    @Test
    void lastWillOfflineBecomesAnAlertAfterTheGrace() throws Exception {
        MqttMessage m = new MqttMessage("{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        device.publish("zigbee2mqtt/" + DEVICES + "-hall-smoke/availability", m);
        await().atMost(Duration.ofSeconds(15)).until(() -> heard.contains(hallSmoke + " offline"));
        assertThat(app.alertEngine().phase(AlertEngine.sensorKey(hallSmoke, "device-offline"))).isEqualTo("pending");
        assertThat(alerts(hallSmoke, "device-offline")).isEmpty();

        JsonNode a = awaitAlert(hallSmoke, "device-offline", x -> true);
        assertThat(a.get("severity").asText()).isEqualTo("minor");
        Instant since = Instant.parse(a.get("detail").get("since").asText());
        assertThat(Duration.between(since, Instant.parse(a.get("firstSeen").asText()))).isGreaterThanOrEqualTo(OFFLINE_GRACE);
    }
}
