package org.carewatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.carewatch.ingest.telemetry.BrokerSessions;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, MQTT, against a running node with its own embedded broker and real Paho clients: anonymous and
 * wrong-credential clients are refused; a sensor's registration answers its device's login once (only a
 * hash is stored) and a new password replaces it; a device cannot publish to another device's topic or read
 * anything; CareWatch's client ids cannot be taken (the node stays ready); readings stamped in the future do
 * not become the sensor's latest and stale ones are rejected; and nothing of it logs an ERROR.
 */
class MqttAccessIT {
    /** MQTT 5 CONNACK reasons. */
    static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    static final int NOT_AUTHORIZED = 0x87;

    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static ErrorLog log;
    static String url;
    static long centreA1;
    static long centreA2;
    static String admin;
    static String officer;
    static String facilityA1;
    static String facilityA2;
    static final List<MqttClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        CareWatchConfig cfg = TestApp.config(db, dataDir, "tcp://127.0.0.1:1");
        // The node's own embedded broker (the default mode), on a free port: the broker CareWatch secures itself.
        cfg = cfg.withMqtt(ConfigLoader.defaults().mqtt().withEmbeddedPort(0, true));
        cfg = cfg.withTelemetry(cfg.telemetry().withSilenceCheck(Duration.ofSeconds(1)));
        log = new ErrorLog();
        app = CareWatchApp.start(cfg, false);
        url = app.mqttUrl();
        http = new Http(app.httpPort());
        var data = new TestData(app.store().dataSource());
        long district = data.district("A");
        centreA1 = data.centre(district, "A1");
        centreA2 = data.centre(district, "A2");
        data.user("admin-a", "admin-pass", Role.ADMIN, district);
        data.user("officer-a", "officer-pass", Role.OFFICER, district);
        data.user("facility-a1", "facility-pass", Role.FACILITY, centreA1);
        data.user("facility-a2", "facility-pass", Role.FACILITY, centreA2);
        admin = http.token("admin-a", "admin-pass");
        officer = http.token("officer-a", "officer-pass");
        facilityA1 = http.token("facility-a1", "facility-pass");
        facilityA2 = http.token("facility-a2", "facility-pass");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/readyz", null).status() == 200);
    }

    @AfterAll
    static void stop() {
        for (MqttClient c : clients) {
            try {
                if (c.isConnected()) {
                    c.disconnect();
                }
                c.close(true);
            } catch (MqttException ignored) {
                // best effort
            }
        }
        if (app != null) {
            app.close();
        }
        if (log != null) {
            log.close();
        }
        db.close();
    }

    @BeforeEach
    void clearLog() {
        log.clear();
    }

    @AfterEach
    void noErrorWasLogged() {
        assertThat(log.problems()).as("ERROR or stack trace in the node's log").isEmpty();
    }

    /** A registered sensor and the login its registration answered. */
    record Device(long id, String key, String username, String password) {
        String topic() {
            return "zigbee2mqtt/" + key;
        }
    }

    static Device register(long centre, String code, String token) {
        String key = code + ".t-" + UUID.randomUUID().toString().substring(0, 8);
        var r = http.post("/api/v1/centres/" + centre + "/sensors", token,
                "{\"name\":\"Climate\",\"profileId\":\"z2m-temperature-humidity\",\"deviceKey\":\"" + key + "\",\"location\":\"room\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode mqtt = r.json().get("mqtt");
        return new Device(r.json().get("id").asLong(), key, mqtt.get("username").asText(), mqtt.get("password").asText());
    }

    static MqttClient connect(String clientId, String username, String password) throws MqttException {
        MqttClient c = new MqttClient(url, clientId, new MemoryPersistence());
        clients.add(c);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setConnectionTimeout(15);
        if (username != null) {
            o.setUserName(username);
        }
        if (password != null) {
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        c.connect(o);
        return c;
    }

    static int refusal(String clientId, String username, String password) {
        try {
            MqttClient c = connect(clientId, username, password);
            c.disconnect();
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    static void publish(MqttClient c, String topic, String payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        c.publish(topic, m);
    }

    static String reading(double temperature, Instant at) {
        return "{\"temperature\":" + temperature + ",\"humidity\":40,\"last_seen\":\"" + at + "\"}";
    }

    static List<Double> temperatures(long sensorId) throws SQLException {
        List<Double> out = new ArrayList<>();
        try (var c = app.store().connection();
             var ps = c.prepareStatement("SELECT value FROM readings WHERE sensor_id = ? AND metric = 'temperature' ORDER BY time")) {
            ps.setLong(1, sensorId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getDouble(1));
                }
            }
        }
        return out;
    }

    @Test
    void anonymousAndWrongCredentialClientsAreRefused() {
        Device d = register(centreA1, "A1", admin);
        assertThat(refusal("anon-" + d.id(), null, null)).as("anonymous").isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal("wrong-" + d.id(), d.username(), d.password() + "x")).as("wrong password").isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal("empty-" + d.id(), d.username(), "")).as("empty password").isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal("unknown-" + d.id(), "sensor-999999", d.password())).as("unknown user").isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal("guess-" + d.id(), "carewatch", "carewatch")).as("guessing CareWatch's own login").isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal("ok-" + d.id(), d.username(), d.password())).as("the issued login").isZero();
    }

    @Test
    void theLoginIsAnsweredOnceStoredHashedAndReplacedByANewPassword() throws Exception {
        Device d = register(centreA1, "A1", facilityA1);
        assertThat(d.username()).isEqualTo("sensor-" + d.id());
        assertThat(d.password()).hasSizeGreaterThanOrEqualTo(20);
        var read = http.get("/api/v1/sensors/" + d.id(), admin);
        assertThat(read.body()).doesNotContain(d.password()).doesNotContain("mqtt");
        try (var c = app.store().connection();
             var ps = c.prepareStatement("SELECT password_hash FROM mqtt_credentials WHERE sensor_id = ?")) {
            ps.setLong(1, d.id());
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("$7$").doesNotContain(d.password());
            }
        }
        MqttClient connected = connect("keeps-" + d.id(), d.username(), d.password());

        // The same rules as registering: officers may not, other centres' staff see nothing.
        String path = "/api/v1/sensors/" + d.id() + "/mqtt-password";
        assertThat(http.post(path, officer, "").status()).isEqualTo(403);
        assertThat(http.post(path, facilityA2, "").status()).isEqualTo(404);
        assertThat(http.post("/api/v1/sensors/99999999/mqtt-password", admin, "").status()).isEqualTo(404);
        var renewed = http.post(path, facilityA1, "");
        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        assertThat(renewed.headers().firstValue("Cache-Control")).contains("no-store");
        String newPassword = renewed.json().at("/mqtt/password").asText();
        assertThat(renewed.json().at("/mqtt/username").asText()).isEqualTo(d.username());
        assertThat(newPassword).isNotEqualTo(d.password());

        // The old password stops working, also for the device still connected with it.
        await().atMost(Duration.ofSeconds(10)).until(() -> !connected.isConnected());
        assertThat(refusal("old-" + d.id(), d.username(), d.password())).isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal("new-" + d.id(), d.username(), newPassword)).isZero();
    }

    @Test
    void aDeviceCannotPublishToAnotherDevicesTopicNorReadAnything() throws Exception {
        Device mine = register(centreA1, "A1", admin);
        Device theirs = register(centreA2, "A2", admin);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // A subscription to everything is refused: devices read nothing.
        MqttClient spy = connect("spy-" + mine.id(), mine.username(), mine.password());
        var granted = spy.subscribe(new MqttSubscription[] {new MqttSubscription("#", 1)}, null);
        assertThat(granted.getReasonCodes()).hasSize(1);
        assertThat(granted.getReasonCodes()[0]).as("SUBACK reason").isGreaterThanOrEqualTo(0x80);
        spy.disconnect();

        // A forged reading for the other centre's sensor is refused by the broker, whatever the client makes of it.
        MqttClient forger = connect("forger-" + mine.id(), mine.username(), mine.password());
        try {
            publish(forger, theirs.topic(), reading(66.6, now));
        } catch (MqttException refused) {
            // Paho reports the broker's "not authorized"; either way nothing may be stored.
        }
        // The real device's reading arrives; the forged one never does.
        MqttClient real = connect("real-" + theirs.id(), theirs.username(), theirs.password());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            publish(real, theirs.topic(), reading(21.5, Instant.now()));
            return !temperatures(theirs.id()).isEmpty();
        });
        // And a device's own topic works for it.
        MqttClient own = connect("own-" + mine.id(), mine.username(), mine.password());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            publish(own, mine.topic(), reading(20.0, Instant.now()));
            return !temperatures(mine.id()).isEmpty();
        });
        assertThat(temperatures(theirs.id())).doesNotContain(66.6).contains(21.5);
        assertThat(temperatures(mine.id())).doesNotContain(66.6);
    }

    @Test
    void careWatchsClientIdsCannotBeTaken() throws Exception {
        Device d = register(centreA1, "A1", admin);
        var node = ConfigLoader.defaults();
        for (String id : BrokerSessions.ofNode(node.mqtt().clientIdPrefix(), node.nodeName())) {
            assertThat(refusal(id, d.username(), d.password())).as("device login as " + id).isEqualTo(NOT_AUTHORIZED);
            assertThat(refusal(id, null, null)).as("anonymous as " + id).isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        }
        assertThat(refusal(node.mqtt().clientIdPrefix() + "-anything", d.username(), d.password())).isEqualTo(NOT_AUTHORIZED);
        // CareWatch's sessions were never disturbed: the node is ready and still ingests.
        var ready = http.get("/readyz", null);
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        MqttClient c = connect("after-" + d.id(), d.username(), d.password());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            publish(c, d.topic(), reading(19.0, Instant.now()));
            return !temperatures(d.id()).isEmpty();
        });
        assertThat(http.get("/readyz", null).status()).isEqualTo(200);
    }

    @Test
    void futureReadingsDoNotBecomeLatestAndStaleOnesAreRejected() throws Exception {
        Device d = register(centreA1, "A1", admin);
        MqttClient c = connect("clock-" + d.id(), d.username(), d.password());
        long restampedBefore = app.telemetry().stats().timestampsRejected();
        long staleBefore = app.telemetry().stats().rejected().getOrDefault("stale", 0L);
        Instant sent = Instant.now();
        // Ten minutes ahead (the issue's probe): kept with its arrival time, so it cannot hide later readings.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            publish(c, d.topic(), reading(30.5, Instant.now().plus(Duration.ofMinutes(10))));
            return !temperatures(d.id()).isEmpty();
        });
        JsonNode latest = http.get("/api/v1/sensors/" + d.id() + "/latest", admin).json();
        JsonNode temperature = null;
        for (JsonNode v : latest.get("values")) {
            if ("temperature".equals(v.get("metric").asText())) {
                temperature = v;
            }
        }
        assertThat(temperature).isNotNull();
        Instant latestAt = Instant.parse(temperature.get("time").asText());
        assertThat(latestAt).isBetween(sent.minusSeconds(5), Instant.now().plusSeconds(5));
        assertThat(app.telemetry().stats().timestampsRejected()).isGreaterThan(restampedBefore);

        // A real reading a moment later is the latest one.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(1);
        publish(c, d.topic(), reading(22.25, now));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode values = http.get("/api/v1/sensors/" + d.id() + "/latest", admin).json().get("values");
            boolean found = false;
            for (JsonNode v : values) {
                if ("temperature".equals(v.get("metric").asText())) {
                    found = v.get("value").asDouble() == 22.25 && Instant.parse(v.get("time").asText()).equals(now);
                }
            }
            assertThat(found).as(values.toString()).isTrue();
        });

        // Stamped before the retention window (P400D by default): rejected and counted, not stored.
        publish(c, d.topic(), reading(11.75, Instant.now().minus(Duration.ofDays(800))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> app.telemetry().stats().rejected().getOrDefault("stale", 0L) > staleBefore);
        assertThat(temperatures(d.id())).doesNotContain(11.75);
    }
}
