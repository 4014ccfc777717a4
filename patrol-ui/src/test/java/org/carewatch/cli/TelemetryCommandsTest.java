package org.carewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.carewatch.core.testing.TestBroker;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** {@code carewatch simulate sensors} against a real broker, and the usage of {@code bench mqtt}. */
class TelemetryCommandsTest {



    @Test
    void simulatorPublishesTheRequestedMessages() throws Exception {
        AtomicInteger received = new AtomicInteger();
        MqttClient sub = new MqttClient(TestBroker.url(), "cli-test-sub-" + System.nanoTime(), new MemoryPersistence());
        // (MqttClient.subscribe with a per-subscription listener recurses forever in Paho 1.2.5; use the callback.)
        sub.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) {
                if (topic.startsWith("zigbee2mqtt/clitest-")) {
                    received.incrementAndGet();
                }
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {
            }
        });
        sub.connect();
        sub.subscribe("zigbee2mqtt/+", 1);
        CliRun r = CliRun.of("simulate", "sensors", "--broker", TestBroker.url(), "--profile", "z2m-door-contact", "--devices", "3",
                "--rate", "0", "--count", "30", "--prefix", "clitest-");
        assertThat(r.exit()).as(r.err()).isZero();
        String last = r.out().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).startsWith("{").contains("\"published\":30", "\"failed\":0");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 30);
        sub.disconnect();
        sub.close();
    }

    @Test
    void simulatorRefusesAnUnsimulatedProfileAndBadCounts() {
        CliRun r = CliRun.of("simulate", "sensors", "--broker", "tcp://127.0.0.1:1", "--profile", "tasmota-plug");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no simulator for profile 'tasmota-plug'", "z2m-smoke");
        assertThat(CliRun.of("simulate", "sensors", "--broker", "tcp://127.0.0.1:1", "--profile", "z2m-smoke", "--devices", "0").exit())
                .isEqualTo(2);
    }

    @Test
    void benchMqttDescribesItsOptions() {
        CliRun r = CliRun.of("bench", "mqtt", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--broker", "--pg-url", "--messages", "--baseline-messages", "--latency-seconds");
        assertThat(CliRun.of("bench", "mqtt", "--messages", "0").exit()).isEqualTo(2);
    }
}
