package org.carewatch.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.readings.Reading;
import org.carewatch.core.readings.ReadingListener;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole node, no stand-ins: a smoke detector registered through the API publishes smoke=true over a
 * real broker; the telemetry pipeline decodes and commits it, the alert engine raises one critical alert
 * for the centre, and repeating the message does not raise a second one. The repeats are checked once the
 * engine has been handed them and has finished its writes, not while they may still be on their way.
 */
class SmokeToAlertIT {
    @TempDir
    Path dataDir;

    @Test
    void smokeOverMqttBecomesOneCriticalAlert() throws Exception {
        try (TestDatabase db = TestDatabase.create(); CareWatchApp app = TestApp.start(db, dataDir)) {
            var data = new TestData(app.store().dataSource());
            long district = data.district("F");
            long centre = data.centre(district, "F1");
            data.user("f-admin", "pw", Role.ADMIN, district);
            Http http = new Http(app.httpPort());
            String admin = http.token("f-admin", "pw");
            String device = "F1.kitchen-" + UUID.randomUUID().toString().substring(0, 8);
            var sensor = http.post("/api/v1/centres/" + centre + "/sensors", admin,
                    "{\"name\":\"Kitchen smoke\",\"profileId\":\"z2m-smoke\",\"deviceKey\":\"" + device + "\",\"location\":\"kitchen\"}");
            assertThat(sensor.status()).as(sensor.body()).isEqualTo(201);
            long sensorId = sensor.json().get("id").asLong();
            // Rules hooks hear a batch in the order they were added: once this one has heard a reading, the
            // node's own hook has handed it to the alert engine.
            Set<Instant> heard = ConcurrentHashMap.newKeySet();
            app.telemetry().addListener(new ReadingListener() {
                @Override
                public void readingsAccepted(List<Reading> readings) {
                    readings.stream().filter(r -> r.sensorId() == sensorId && r.metric().equals("smoke")).forEach(r -> heard.add(r.time()));
                }
            });

            MqttClient pub = new MqttClient(TestBroker.url(), "smoke-pub-" + device, new MemoryPersistence());
            pub.connect();
            try {
                // Publish until the registry refresh has picked the new sensor up and the alert exists.
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    publish(pub, device, "{\"smoke\":true,\"battery_low\":false,\"tamper\":false,\"last_seen\":\"" + Instant.now() + "\"}");
                    return http.get("/api/v1/alerts?centre=" + centre + "&source=sensor", admin).json().get("items").size() > 0;
                });
                Instant t = Instant.now();
                List<Instant> repeats = List.of(t.plusMillis(1), t.plusMillis(2), t.plusMillis(3));
                for (Instant at : repeats) {
                    publish(pub, device, "{\"smoke\":true,\"last_seen\":\"" + at + "\"}");
                }
                await().atMost(Duration.ofSeconds(15)).until(() -> heard.containsAll(repeats) && app.alertEngine().idle());
                var alerts = http.get("/api/v1/alerts?centre=" + centre + "&source=sensor", admin).json().get("items");
                assertThat(alerts.size()).as("one active alert per source and rule").isEqualTo(1);
                assertThat(alerts.get(0).get("occurrences").asInt()).as("repeats of an active condition are not new occurrences")
                        .isEqualTo(1);
                assertThat(alerts.get(0).get("severity").asText()).isEqualTo("critical");
                assertThat(alerts.get(0).get("state").asText()).isEqualTo("open");
            } finally {
                pub.disconnect();
                pub.close();
            }
        }
    }

    private static void publish(MqttClient pub, String device, String json) throws Exception {
        MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        pub.publish("zigbee2mqtt/" + device, m);
    }
}
