package org.carewatch.tools.simulator.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.carewatch.core.testing.TestBroker;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** The benchmarks' Netty load publisher against a real broker: every QoS 1 message arrives and is counted once. */
class LoadTransportIT {

    @Test
    void everyMessageArrivesAndIsAcknowledged() throws Exception {
        String prefix = "load-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<SimulatedDevice> devices = List.of(new SimulatedDevice("z2m-temperature-humidity", prefix + "a", 1),
                new SimulatedDevice("z2m-smoke", prefix + "b", 2));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        MqttClient sub = subscriber(prefix, seen, new java.util.concurrent.atomic.AtomicInteger());
        try {
            try (SensorSimulator sim = new SensorSimulator(TestBroker.url(), prefix + "pub", devices, 2, 1, Clock.systemUTC(),
                    SensorSimulator.Transport.LOAD)) {
                sim.run(1000, 2000, null); // paced: the machine's Mosquitto drops beyond 1,000 queued for a slow subscriber
                sim.awaitPublished(20_000);
                assertThat(sim.published()).isEqualTo(1000);
                assertThat(sim.failed()).isZero();
            }
            // Payloads carry distinct observation times per device, so 1000 distinct messages arrive.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(seen).hasSize(1000));
        } finally {
            sub.disconnect();
            sub.close();
        }
    }

    @Test
    void preparedMessagesArePumpedFromTheEventLoopAndEachArrivesOnce() throws Exception {
        String prefix = "pump-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<SimulatedDevice> devices = List.of(new SimulatedDevice("z2m-temperature-humidity", prefix + "a", 1),
                new SimulatedDevice("z2m-temperature-humidity", prefix + "b", 2), new SimulatedDevice("z2m-smoke", prefix + "c", 3));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger arrived = new java.util.concurrent.atomic.AtomicInteger();
        MqttClient sub = subscriber(prefix, seen, arrived);
        try {
            try (SensorSimulator sim = new SensorSimulator(TestBroker.url(), prefix + "pub", devices, 3, 1, Clock.systemUTC(),
                    SensorSimulator.Transport.LOAD)) {
                // Fewer than the machine's Mosquitto queues for one subscriber by default (1,000).
                var prepared = sim.prepare(900);
                sim.publishAll(prepared); // returns once every message is acknowledged
                assertThat(sim.published()).isEqualTo(900);
                assertThat(sim.failed()).isZero();
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(seen).hasSize(900));
            assertThat(arrived.get()).isEqualTo(900);
        } finally {
            sub.disconnect();
            sub.close();
        }
    }

    @Test
    void aConnectionLostWhilePumpingFailsTheRestInsteadOfHanging() throws Exception {
        // A "broker" that accepts the connection, then hangs up after the first publishes arrive.
        try (ServerSocket server = new ServerSocket(0)) {
            Thread broker = Thread.ofVirtual().start(() -> {
                try (var s = server.accept()) {
                    s.getInputStream().readNBytes(2); // CONNECT's fixed header is enough to answer
                    s.getOutputStream().write(new byte[] {0x20, 0x03, 0x00, 0x00, 0x00}); // CONNACK, success, no properties
                    s.getOutputStream().flush();
                    s.getInputStream().readNBytes(4096);
                } catch (IOException ignored) {
                    // the test only needs the hang-up
                }
            });
            List<SimulatedDevice> devices = List.of(new SimulatedDevice("z2m-temperature-humidity", "cut-a", 1));
            try (SensorSimulator sim = new SensorSimulator("tcp://127.0.0.1:" + server.getLocalPort(), "cut", devices, 1, 1,
                    Clock.systemUTC(), SensorSimulator.Transport.LOAD)) {
                var prepared = sim.prepare(5000);
                org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> sim.publishAll(prepared));
                assertThat(sim.published()).isZero();
                assertThat(sim.failed()).isEqualTo(5000);
            }
            broker.join(5000);
        }
    }

    @Test
    void aBrokerThatStopsAcknowledgingIsAClearErrorNotAHang() throws Exception {
        // A "broker" that accepts the connection and reads everything, but never acknowledges a publish.
        try (ServerSocket server = new ServerSocket(0)) {
            Thread broker = Thread.ofVirtual().start(() -> {
                try (var s = server.accept()) {
                    s.getInputStream().readNBytes(2);
                    s.getOutputStream().write(new byte[] {0x20, 0x03, 0x00, 0x00, 0x00}); // CONNACK, success
                    s.getOutputStream().flush();
                    s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // closed by the test
                }
            });
            List<SimulatedDevice> devices = List.of(new SimulatedDevice("z2m-temperature-humidity", "mute-a", 1));
            try (SensorSimulator sim = new SensorSimulator("tcp://127.0.0.1:" + server.getLocalPort(), "mute", devices, 1, 1,
                    Clock.systemUTC(), SensorSimulator.Transport.LOAD)) {
                sim.stallAfter(Duration.ofSeconds(2));
                var prepared = sim.prepare(2000);
                org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                        assertThatThrownBy(() -> sim.publishAll(prepared)).isInstanceOf(IllegalStateException.class)
                                .hasMessageContaining("acknowledged nothing"));
            }
            broker.join(5000);
        }
    }

    /** A subscriber to the devices of {@code prefix}: distinct messages in {@code seen}, every delivery counted. */
    private static MqttClient subscriber(String prefix, Set<String> seen, java.util.concurrent.atomic.AtomicInteger arrived)
            throws Exception {
        MqttClient sub = new MqttClient(TestBroker.url(), prefix + "sub", new MemoryPersistence());
        sub.connect();
        sub.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                        new org.eclipse.paho.mqttv5.common.MqttSubscription("zigbee2mqtt/+", 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                        (topic, m) -> {
                            if (topic.startsWith("zigbee2mqtt/" + prefix)) {
                                arrived.incrementAndGet();
                                seen.add(topic + " " + new String(m.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                            }
                        }});
        return sub;
    }

    @Test
    void aBrokerThatIsNotThereIsAClearError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<SimulatedDevice> devices = List.of(new SimulatedDevice("z2m-smoke", "nobody", 1));
        assertThatThrownBy(() -> new SensorSimulator("tcp://127.0.0.1:" + port, "load-none", devices, 1, 1, Clock.systemUTC(),
                SensorSimulator.Transport.LOAD)).isInstanceOf(IOException.class).hasMessageContaining("cannot connect");
        assertThatThrownBy(() -> new SensorSimulator("ssl://127.0.0.1:" + port, "load-tls", devices, 1, 1, Clock.systemUTC(),
                SensorSimulator.Transport.LOAD)).isInstanceOf(IOException.class).hasMessageContaining("tcp://");
    }
}
