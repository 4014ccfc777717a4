package org.carewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.carewatch.core.testing.TestBroker;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** {@code carewatch simulate sensors} against a real broker, and the usage of {@code bench mqtt}. */
class TelemetryCommandsTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = CareWatchCommand.commandLine().execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

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
        Run r = run("simulate", "sensors", "--broker", TestBroker.url(), "--profile", "z2m-door-contact", "--devices", "3",
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
        Run r = run("simulate", "sensors", "--broker", "tcp://127.0.0.1:1", "--profile", "tasmota-plug");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no simulator for profile 'tasmota-plug'", "z2m-smoke");
        assertThat(run("simulate", "sensors", "--broker", "tcp://127.0.0.1:1", "--profile", "z2m-smoke", "--devices", "0").exit())
                .isEqualTo(2);
    }

    @Test
    void benchMqttDescribesItsOptions() {
        Run r = run("bench", "mqtt", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--broker", "--pg-url", "--messages", "--baseline-messages", "--latency-seconds");
        assertThat(run("bench", "mqtt", "--messages", "0").exit()).isEqualTo(2);
    }
}
