package org.carewatch.ui.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sensor registration and readings over HTTP, with readings arriving through the node's own MQTT pipeline. */
class SensorApiIT {
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static long centreA1;
    static long centreA2;
    static long centreB1;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = TestApp.start(db, dataDir);
        http = new Http(app.httpPort());
        try (var c = app.store().connection(); var st = c.createStatement()) {
            st.execute("INSERT INTO districts (code, name) VALUES ('A', 'A'), ('B', 'B')");
            st.execute("INSERT INTO centres (district_id, code, name) SELECT id, code || '1', 'Centre ' || code FROM districts");
            st.execute("INSERT INTO centres (district_id, code, name) SELECT id, 'A2', 'Centre A2' FROM districts WHERE code = 'A'");
            var rs = st.executeQuery("SELECT code, id FROM centres ORDER BY code");
            rs.next();
            centreA1 = rs.getLong(2);
            rs.next();
            centreA2 = rs.getLong(2);
            rs.next();
            centreB1 = rs.getLong(2);
        }
        seedUsers();
    }

    static void seedUsers() throws SQLException {
        var users = new UserRepository(app.store().dataSource());
        var h = new PasswordHasher();
        long districtA;
        try (var c = app.store().connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT id FROM districts WHERE code = 'A'")) {
            rs.next();
            districtA = rs.getLong(1);
        }
        users.create("admin-a", "Admin A", h.hash("admin-pass"), Role.ADMIN, districtA, null, "en");
        users.create("officer-a", "Officer A", h.hash("officer-pass"), Role.OFFICER, districtA, null, "en");
        users.create("facility-a1", "Facility A1", h.hash("facility-pass"), Role.FACILITY, null, centreA1, "en");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        db.close();
    }

    @Test
    void registerThenReadLatestAndSeriesFromLiveMqtt() throws Exception {
        String admin = http.token("admin-a", "admin-pass");
        String device = "A1.api-" + UUID.randomUUID().toString().substring(0, 8);
        var created = http.post("/api/v1/centres/" + centreA1 + "/sensors", admin,
                "{\"name\":\"Nap room climate\",\"profileId\":\"z2m-temperature-humidity\",\"topic\":\"zigbee2mqtt/" + device + "\",\"location\":\"nap room\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("deviceKey").asText()).isEqualTo(device);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/sensors/" + id);

        var list = http.get("/api/v1/centres/" + centreA1 + "/sensors", http.token("officer-a", "officer-pass"));
        assertThat(list.json().get("count").asInt()).isEqualTo(1);

        Instant t = Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        MqttClient pub = new MqttClient(TestBroker.url(), "api-pub-" + device, new MemoryPersistence());
        pub.connect();
        // The node re-reads the registry on registration; publish until the first reading lands.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            MqttMessage m = new MqttMessage(("{\"temperature\":23.5,\"humidity\":41,\"last_seen\":\"" + t + "\"}").getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            pub.publish("zigbee2mqtt/" + device, m);
            return http.get("/api/v1/sensors/" + id + "/latest", admin).json().get("values").size() == 2;
        });
        pub.disconnect();
        pub.close();

        var latest = http.get("/api/v1/sensors/" + id + "/latest", admin).json();
        assertThat(latest.at("/values/1/metric").asText()).isEqualTo("temperature");
        assertThat(latest.at("/values/1/value").asDouble()).isEqualTo(23.5);
        assertThat(Instant.parse(latest.at("/values/1/time").asText())).isEqualTo(t);

        var raw = http.get("/api/v1/sensors/" + id + "/readings?from=" + t.minusSeconds(60) + "&to=" + t.plusSeconds(60), admin);
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.json().get("points").size()).isEqualTo(2);
        var hourly = http.get("/api/v1/sensors/" + id + "/readings?from=" + t.minusSeconds(7200) + "&to=" + t.plusSeconds(7200)
                + "&bucket=PT1H", admin);
        assertThat(hourly.json().get("source").asText()).isEqualTo("readings_hourly");
        assertThat(hourly.json().get("bucket").asText()).isEqualTo("PT1H");
        assertThat(hourly.json().at("/points/0/n").asLong()).isEqualTo(1);
        assertThat(http.get("/api/v1/sensors/" + id, http.token("facility-a1", "facility-pass")).status()).isEqualTo(200);
    }

    @Test
    void aSensorRegisteredWhileRunningGetsTheRulesOfItsPlacement() {
        String admin = http.token("admin-a", "admin-pass");
        var created = http.post("/api/v1/centres/" + centreA2 + "/sensors", admin,
                "{\"name\":\"Kitchen fridge\",\"profileId\":\"tasmota-sensor\",\"deviceKey\":\"A2.fridge-1\",\"location\":\"fridge\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        // Fridge rules apply to fridge sensors only: the engine must learn the new sensor's placement without a restart.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                app.ruleBook().rules(centreA2, id, "tasmota-sensor", "temperature")).extracting(r -> r.id()).contains("fridge-warm"));
        assertThat(app.ruleBook().rules(centreA2, id, "tasmota-sensor", "temperature")).extracting(r -> r.id()).doesNotContain("room-hot");
    }

    @Test
    void rolesScopeAndBadInputAreAnsweredClearly() {
        String admin = http.token("admin-a", "admin-pass");
        String facility = http.token("facility-a1", "facility-pass");
        String officer = http.token("officer-a", "officer-pass");
        String body = "{\"name\":\"Door\",\"profileId\":\"z2m-door-contact\",\"deviceKey\":\"A1.door-x\"}";
        // Facility staff register for their own centre only; officers not at all; other districts are invisible.
        assertThat(http.post("/api/v1/centres/" + centreA1 + "/sensors", facility, body).status()).isEqualTo(201);
        assertThat(http.post("/api/v1/centres/" + centreA1 + "/sensors", facility, body).status()).isEqualTo(409);
        assertThat(http.post("/api/v1/centres/" + centreA2 + "/sensors", facility, body.replace("door-x", "door-y")).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/centres/" + centreA2 + "/sensors", officer, body.replace("door-x", "door-z")).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/centres/" + centreB1 + "/sensors", admin, body.replace("door-x", "door-w")).status()).isEqualTo(404);

        var badProfile = http.post("/api/v1/centres/" + centreA1 + "/sensors", admin, "{\"name\":\"x\",\"profileId\":\"nope\",\"deviceKey\":\"k\"}");
        assertThat(badProfile.status()).isEqualTo(400);
        assertThat(badProfile.json().get("field").asText()).isEqualTo("profileId");
        var badKey = http.post("/api/v1/centres/" + centreA1 + "/sensors", admin, "{\"name\":\"x\",\"profileId\":\"z2m-smoke\",\"deviceKey\":\"a/#\"}");
        assertThat(badKey.json().get("field").asText()).isEqualTo("deviceKey");
        var unknownField = http.post("/api/v1/centres/" + centreA1 + "/sensors", admin, "{\"name\":\"x\",\"colour\":\"red\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(http.get("/api/v1/sensors/999999/latest", admin).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/sensors/abc", admin).status()).isEqualTo(400);
        long any = http.get("/api/v1/centres/" + centreA1 + "/sensors", admin).json().at("/items/0/id").asLong();
        var badTime = http.get("/api/v1/sensors/" + any + "/readings?from=yesterday", admin);
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("field").asText()).isEqualTo("from");
        var badBucket = http.get("/api/v1/sensors/" + any + "/readings?bucket=often", admin);
        assertThat(badBucket.json().get("field").asText()).isEqualTo("bucket");
        var tinyBucket = http.get("/api/v1/sensors/" + any + "/readings?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=PT1S", admin);
        assertThat(tinyBucket.status()).isEqualTo(400);
    }
}
