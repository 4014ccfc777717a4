package org.carewatch.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carewatch.core.config.TelemetryConfig;
import org.carewatch.core.readings.DeviceEvent;
import org.carewatch.core.readings.ReadingListener;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.core.sensors.SensorInput;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.tools.simulator.sensors.SensorSimulator;
import org.carewatch.tools.simulator.sensors.SimulatedDevice;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.carewatch.profiles.sensor.SensorProfile;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline against a real broker and PostgreSQL: good and bad input, device state, shutdown flush. */
class TelemetryPipelineIT {
    /** A copy of the temperature profile that counts a device offline after 1.5 s of silence. */
    static final SensorProfile QUICK = quick(ProfileCatalog.builtIn().sensor("z2m-temperature-humidity").orElseThrow());
    static TelemetryHarness h;

    @BeforeAll
    static void setUp() throws Exception {
        h = new TelemetryHarness(id -> id.equals(QUICK.id()) ? Optional.of(QUICK) : ProfileCatalog.builtIn().sensor(id));
    }

    @AfterAll
    static void tearDown() {
        h.close();
    }

    static SensorProfile quick(SensorProfile p) {
        return new SensorProfile("test-quick-silence", p.name(), p.nameZh(), p.vendor(), p.family(),
                List.of(org.carewatch.profiles.sensor.TopicPattern.of("quick/{device}")), p.format(), p.maxPayloadBytes(), p.timestamp(),
                p.metrics(), p.ignoreIf(), p.require(),
                new org.carewatch.profiles.sensor.Availability(org.carewatch.profiles.sensor.TopicPattern.of("quick/{device}/availability"),
                        p.availability().path(), p.availability().online(), p.availability().offline()),
                Duration.ofSeconds(1), Duration.ofMillis(1500), p.alertRules(), p.notes());
    }

    private static MqttClient rawClient() throws Exception {
        MqttClient c = new MqttClient(TestBroker.url(), "raw-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        c.connect();
        return c;
    }

    private static void send(MqttClient c, String topic, byte[] payload) throws Exception {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        c.publish(topic, m);
    }

    @Test
    void storesGoodReadingsAndRejectsBadOnesWithoutStopping(@TempDir Path spool) throws Exception {
        List<SimulatedDevice> devices = h.devices("z2m-temperature-humidity", "mixed-", 5);
        TelemetryConfig cfg = TelemetryHarness.config();
        long before = h.readings();
        java.util.Set<String> profilesHeard = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (BrokerConnection broker = h.connect(TestBroker.url(), "cw-mixed", cfg);
             TelemetryPipeline p = h.pipeline(broker, cfg, spool)) {
            p.addListener(new ReadingListener() {
                @Override
                public void readingsAccepted(List<org.carewatch.core.readings.Reading> readings) {
                    readings.forEach(r -> profilesHeard.add(r.profileId()));
                }
            });
            p.start();
            broker.connect();
            await().atMost(Duration.ofSeconds(20)).until(broker::connected);
            MqttClient raw = rawClient();
            try (SensorSimulator sim = TelemetryHarness.publisher(TestBroker.url(), devices)) {
                sim.run(100, 0, null);
                send(raw, "zigbee2mqtt/mixed-0", "{\"temperature\": 21.5, \"humidity\": ".getBytes(StandardCharsets.UTF_8));
                send(raw, "zigbee2mqtt/mixed-1", new byte[] {(byte) 0xff, 0, 1, 2});
                send(raw, "zigbee2mqtt/nobody-registered", "{\"temperature\": 21.5}".getBytes(StandardCharsets.UTF_8));
                send(raw, "zigbee2mqtt/mixed-2", "{\"temperature\": 912.0, \"last_seen\": \"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
                send(raw, "zigbee2mqtt/mixed-3", ("{\"temperature\": 20, \"pad\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8));
                send(raw, "zigbee2mqtt/mixed-4/availability", "{\"state\":\"sideways\"}".getBytes(StandardCharsets.UTF_8));
                sim.run(100, 0, null);
                sim.awaitPublished(10_000);
            }
            raw.disconnect();
            raw.close();
            // 200 good messages of 4 readings each, all stored; the bad ones counted by kind and kept.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(h.readings() - before).isEqualTo(800));
            // The rules hook hears each reading with its sensor's profile, as routed (nothing looked up later).
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(profilesHeard).containsExactly("z2m-temperature-humidity"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var rej = p.stats().rejected();
                assertThat(rej.get("malformed")).isEqualTo(3);
                assertThat(rej.get("unknown_topic")).isEqualTo(1);
                assertThat(rej.get("out_of_range")).isEqualTo(1);
                assertThat(rej.get("oversized")).isEqualTo(1);
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(h.count("SELECT count(*) FROM rejected_messages")).isEqualTo(6));
            assertThat(h.count("SELECT count(*) FROM rejected_messages WHERE kind = 'oversized' AND payload_bytes > 70000 "
                    + "AND length(excerpt) <= 200")).isEqualTo(1);
            assertThat(h.count("SELECT count(*) FROM sensors s CROSS JOIN LATERAL sensor_latest(s.id) WHERE s.device_key LIKE 'mixed-%'")).isEqualTo(20);
        }
    }

    @Test
    void twoNodesInASharedGroupStoreEachMessageOnceAlsoWhenOneLeavesAndComesBack(@TempDir Path spoolA, @TempDir Path spoolB)
            throws Exception {
        List<SimulatedDevice> devices = h.devices("z2m-temperature-humidity", "shared-", 10);
        TelemetryConfig cfg = TelemetryHarness.config().withReceiveMaximum(20);
        String group = "cw-" + UUID.randomUUID().toString().substring(0, 8);
        java.util.concurrent.atomic.AtomicLong atA = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong atB = new java.util.concurrent.atomic.AtomicLong();
        BrokerConnection a = h.connect(TestBroker.url(), "cw-shared-a", cfg);
        TelemetryPipeline pa = h.pipeline(a, cfg, spoolA, group);
        BrokerConnection b = h.connect(TestBroker.url(), "cw-shared-b", cfg);
        TelemetryPipeline pb = h.pipeline(b, cfg, spoolB, group);
        try (SensorSimulator sim = TelemetryHarness.publisher(TestBroker.url(), devices)) {
            pa.addListener(counting(atA));
            pb.addListener(counting(atB));
            pa.start();
            pb.start();
            a.connect();
            b.connect();
            await().atMost(Duration.ofSeconds(20)).until(() -> a.subscribed() && b.subscribed());
            // Which member gets a message is the broker's choice (Mosquitto alternates; HiveMQ may hand a
            // burst to one member); each goes to one of them. Under what Mosquitto queues per session (1,000).
            sim.run(800, 0, null);
            sim.awaitPublished(10_000);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(atA.get() + atB.get()).isEqualTo(3200));

            // Node a stops (its persistent session stays) while messages keep coming, then starts again. What the
            // broker keeps for its session meanwhile (Mosquitto queues a's round-robin share there; HiveMQ
            // serves the group from one queue) is delivered when it is back: nothing lost, nothing twice.
            pa.close();
            a.close();
            sim.run(400, 0, null);
            sim.awaitPublished(10_000);
            assertThat(sim.published()).isEqualTo(1200);
            await().atMost(Duration.ofSeconds(30)).until(() -> atB.get() > 0);
            BrokerConnection again = new BrokerConnection(TestBroker.url(), a.clientId(), "", "", true, cfg.receiveMaximum());
            try (TelemetryPipeline back = h.pipeline(again, cfg, spoolA, group)) {
                back.addListener(counting(atA));
                back.start();
                again.connect();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(atA.get() + atB.get()).isEqualTo(4800));
            } finally {
                again.close();
            }
            String mine = "FROM readings r JOIN sensors s ON s.id = r.sensor_id WHERE s.device_key LIKE 'shared-%'";
            assertThat(h.count("SELECT count(*) " + mine)).isEqualTo(4800);
            assertThat(h.count("SELECT count(DISTINCT (r.sensor_id, r.metric, r.time)) " + mine)).isEqualTo(4800);
        } finally {
            pa.close();
            a.close();
            pb.close();
            b.close();
        }
    }

    private static ReadingListener counting(java.util.concurrent.atomic.AtomicLong n) {
        return new ReadingListener() {
            @Override
            public void readingsAccepted(List<org.carewatch.core.readings.Reading> readings) {
                n.addAndGet(readings.size());
            }
        };
    }

    @Test
    void detectsSilenceAndAvailability(@TempDir Path spool) throws Exception {
        Sensor s = h.sensors.create(h.centreId, new SensorInput("quiet", QUICK.id(), "quiet-1", null, null, null));
        TelemetryConfig cfg = TelemetryHarness.config();
        List<DeviceEvent> events = new CopyOnWriteArrayList<>();
        try (BrokerConnection broker = h.connect(TestBroker.url(), "cw-silence", cfg);
             TelemetryPipeline p = h.pipeline(broker, cfg, spool)) {
            p.addListener(new ReadingListener() {
                @Override
                public void deviceEvent(DeviceEvent e) {
                    events.add(e);
                }
            });
            p.start();
            broker.connect();
            await().atMost(Duration.ofSeconds(20)).until(broker::connected);
            MqttClient raw = rawClient();
            send(raw, "quick/quiet-1", ("{\"temperature\": 21.5, \"last_seen\": \"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8));
            Instant lastReport = Instant.now();
            // Offline within the profile's silence (1.5 s) plus one check period.
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> !e.online()));
            DeviceEvent offline = events.stream().filter(e -> !e.online()).findFirst().orElseThrow();
            assertThat(offline.sensorId()).isEqualTo(s.id());
            assertThat(Duration.between(lastReport, offline.time())).isLessThan(Duration.ofMillis(1500 + 1500));
            assertThat(offline.reason()).contains("silent");

            send(raw, "quick/quiet-1/availability", "{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2 && events.get(1).online());
            send(raw, "quick/quiet-1/availability", "{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 3);
            assertThat(events.get(2).online()).isFalse();
            assertThat(events.get(2).reason()).contains("availability");
            raw.disconnect();
            raw.close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(h.count("SELECT count(*) FROM device_events WHERE sensor_id = " + s.id())).isEqualTo(3));
        }
    }

    @Test
    void closeFlushesEverythingTaken(@TempDir Path spool) throws Exception {
        List<SimulatedDevice> devices = h.devices("z2m-air-quality", "flush-", 20);
        TelemetryConfig cfg = TelemetryHarness.config().withBatching(5000, 2000);
        long before = h.readings();
        BrokerConnection broker = h.connect(TestBroker.url(), "cw-flush", cfg);
        TelemetryPipeline p = h.pipeline(broker, cfg, spool);
        p.start();
        broker.connect();
        await().atMost(Duration.ofSeconds(20)).until(broker::connected);
        try (SensorSimulator sim = TelemetryHarness.publisher(TestBroker.url(), devices)) {
            sim.run(300, 0, null);
            sim.awaitPublished(10_000);
            await().atMost(Duration.ofSeconds(20)).until(() -> p.stats().received() >= 300);
            // A 2 s flush interval: these readings are still in memory when close() is called.
            p.close();
        }
        broker.close();
        // Air-quality messages carry 5 metrics.
        assertThat(h.readings() - before).isEqualTo(p.stats().readings()).isEqualTo(300 * 5);
    }

    /** With the life-safety session: the alarm comes over its own session and is acknowledged there at once. */
    @Test
    void lifeSafetySessionDeliversAlarmsPastAStalledRoutineWriter(@TempDir Path spool) throws Exception {
        String prefix = "ls-session-";
        TelemetryConfig cfg = TelemetryHarness.config();
        h.devices("z2m-temperature-humidity", prefix + "busy-", 1);
        h.devices("z2m-smoke", prefix + "alarm-", 1);
        java.util.concurrent.CountDownLatch routineHeld = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> heard = new CopyOnWriteArrayList<>();
        try (BrokerConnection broker = h.connect(TestBroker.url(), "cw-lane", cfg);
             TelemetryPipeline p = h.pipeline(broker, cfg, spool)) {
            p.addListener(holdingRoutineBatches(heard, routineHeld, release));
            p.start();
            broker.connect();
            await().atMost(Duration.ofSeconds(20)).until(broker::connected);
            await().atMost(Duration.ofSeconds(20)).until(broker::subscribed);
            await().atMost(Duration.ofSeconds(20)).until(p::lifeSafetySessionSubscribed);
            MqttClient raw = rawClient();
            try {
                send(raw, "zigbee2mqtt/" + prefix + "busy-0", ("{\"temperature\": 21.5, \"last_seen\": \"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8));
                assertThat(routineHeld.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                // A second routine message queues behind the held writer; the alarm must not.
                send(raw, "zigbee2mqtt/" + prefix + "busy-0", ("{\"temperature\": 21.6, \"last_seen\": \"" + Instant.now().plusMillis(1) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
                send(raw, "zigbee2mqtt/" + prefix + "alarm-0", ("{\"smoke\": true, \"last_seen\": \"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8));
                await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("smoke"));
                assertThat(h.count("SELECT count(*) FROM readings r JOIN sensors s ON s.id = r.sensor_id "
                        + "WHERE s.device_key = '" + prefix + "alarm-0' AND r.metric = 'smoke' AND r.value = 1")).isEqualTo(1);
                // Acknowledged by the life-safety session; its routine copy waits for the messages received before it.
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(p.stats().acked()).isEqualTo(1));
            } finally {
                release.countDown();
            }
            // Two routine messages, the alarm's routine copy and its life-safety copy.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(p.stats().acked()).isEqualTo(4));
            assertThat(heard.stream().filter("temperature"::equals).count()).isEqualTo(2);
            assertThat(heard.stream().filter("smoke"::equals).count()).isEqualTo(1);
            raw.disconnect();
            raw.close();
        }
    }

    /**
     * Without it (a broker allowing one connection per client): the routine session hands the alarm to the
     * fast lane, and acknowledges it only after the routine messages received before it (PUBACK order).
     * The messages wait in the session's queue at the broker and arrive together at connect: a broker may
     * send nothing new to a session while its oldest message is un-acknowledged (HiveMQ does), which the
     * life-safety session avoids and this mode cannot.
     */
    @Test
    void withoutTheSessionAlarmsTakeTheFastLaneAndAreAcknowledgedInOrder(@TempDir Path spool) throws Exception {
        String prefix = "ls-lane-";
        h.devices("z2m-temperature-humidity", prefix + "busy-", 1);
        h.devices("z2m-smoke", prefix + "alarm-", 1);
        TelemetryConfig cfg = TelemetryHarness.config().withLifeSafetySession(false);
        String clientId = "cw-lane-" + UUID.randomUUID().toString().substring(0, 8);
        h.forgetOnClose(TestBroker.url(), clientId);
        // First run: creates the persistent session and its subscriptions, then goes away.
        try (BrokerConnection broker = new BrokerConnection(TestBroker.url(), clientId, "", "", true, cfg.receiveMaximum());
             TelemetryPipeline p = h.pipeline(broker, cfg, spool)) {
            p.start();
            broker.connect();
            await().atMost(Duration.ofSeconds(20)).until(broker::subscribed);
        }
        MqttClient raw = rawClient();
        send(raw, "zigbee2mqtt/" + prefix + "busy-0", ("{\"temperature\": 21.5, \"last_seen\": \"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8));
        send(raw, "zigbee2mqtt/" + prefix + "busy-0", ("{\"temperature\": 21.6, \"last_seen\": \"" + Instant.now().plusMillis(1) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        send(raw, "zigbee2mqtt/" + prefix + "alarm-0", ("{\"smoke\": true, \"last_seen\": \"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8));
        raw.disconnect();
        raw.close();

        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> heard = new CopyOnWriteArrayList<>();
        try (BrokerConnection broker = new BrokerConnection(TestBroker.url(), clientId, "", "", true, cfg.receiveMaximum());
             TelemetryPipeline p = h.pipeline(broker, cfg, spool)) {
            java.util.concurrent.CountDownLatch routineHeld = new java.util.concurrent.CountDownLatch(1);
            p.addListener(holdingRoutineBatches(heard, routineHeld, release));
            p.start();
            broker.connect();
            try {
                assertThat(routineHeld.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                await().atMost(Duration.ofSeconds(20)).until(() -> heard.contains("smoke"));
                assertThat(p.stats().acked()).isZero();
            } finally {
                release.countDown();
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(p.stats().acked()).isEqualTo(3));
            assertThat(heard.stream().filter("temperature"::equals).count()).isEqualTo(2);
            assertThat(heard.stream().filter("smoke"::equals).count()).isEqualTo(1);
        }
    }

    /** Records every metric heard; holds the routine writer thread on a batch with a temperature reading. */
    private static ReadingListener holdingRoutineBatches(List<String> heard, java.util.concurrent.CountDownLatch held,
                                                        java.util.concurrent.CountDownLatch release) {
        return new ReadingListener() {
            @Override
            public void readingsAccepted(List<org.carewatch.core.readings.Reading> readings) {
                if (readings.stream().anyMatch(r -> r.metric().equals("temperature"))) {
                    // Listeners run after the commit and before the acks. Nothing of this batch is heard until
                    // released, so an alarm batched with routine readings would not count as overtaking.
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                readings.forEach(r -> heard.add(r.metric()));
            }
        };
    }
}
