package org.carewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carewatch.core.testing.TestBroker;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carewatch mqtt retire} against a real broker: a retired node's session and its queue are gone. */
class MqttRetireCommandIT {

    @Test
    void endsTheNodesSessionsAndWhatTheBrokerQueuedForThem(@TempDir Path dir) throws Exception {
        String node = "retired-" + UUID.randomUUID().toString().substring(0, 8);
        String clientId = "cwtest-" + node;
        String topic = "retire-test/" + node;
        Path cfg = config(dir, node, TestBroker.url());

        // The node's persistent session, subscribed, and three messages queued for it while it is away.
        List<String> received = new CopyOnWriteArrayList<>();
        MqttClient nodeClient = client(clientId, received);
        assertThat(nodeClient.connectWithResult(persistent()).getSessionPresent()).isFalse();
        nodeClient.subscribe(topic, 1);
        nodeClient.disconnect();
        MqttClient pub = new MqttClient(TestBroker.url(), clientId + "-pub", new MemoryPersistence());
        pub.connect();
        for (int i = 0; i < 3; i++) {
            MqttMessage m = new MqttMessage(("m" + i).getBytes());
            m.setQos(1);
            pub.publish(topic, m);
        }

        CliRun r = CliRun.of("mqtt", "retire", "--config", cfg.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("ended session " + clientId + " ", "ended session " + clientId + "-life-safety ");

        // Coming back as that client: no session, no subscription, nothing queued. A probe on a fresh
        // subscription, published after a message to the old topic, is the signal that anything queued or
        // still subscribed would have arrived already (the broker sends a session's queue first, in order).
        assertThat(nodeClient.connectWithResult(persistent()).getSessionPresent()).isFalse();
        nodeClient.subscribe(topic + "/probe", 1);
        for (String[] m : new String[][] {{topic, "after"}, {topic + "/probe", "probe"}}) {
            MqttMessage msg = new MqttMessage(m[1].getBytes());
            msg.setQos(1);
            pub.publish(m[0], msg);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("probe"));
        assertThat(received).containsExactly("probe");
        nodeClient.disconnect();
        MqttConnectionOptions clean = persistent();
        clean.setCleanStart(true);
        clean.setSessionExpiryInterval(0L);
        nodeClient.connect(clean);
        nodeClient.disconnect();
        nodeClient.close();
        pub.disconnect();
        pub.close();
    }

    @Test
    void refusesTheEmbeddedBrokerAndReportsAnUnreachableOne(@TempDir Path dir) throws Exception {
        Path embedded = dir.resolve("embedded.yaml");
        Files.writeString(embedded, "nodeName: n1\n");
        CliRun r = CliRun.of("mqtt", "retire", "--config", embedded.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("embedded");

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun gone = CliRun.of("mqtt", "retire", "--config", config(dir, "n2", "tcp://127.0.0.1:" + port).toString());
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("cannot end the sessions at tcp://127.0.0.1:" + port);

        CliRun bad = CliRun.of("mqtt", "retire", "--config", config(dir, "n3", TestBroker.url()).toString(), "--node", "no spaces");
        assertThat(bad.exit()).isEqualTo(2);
    }

    private static Path config(Path dir, String node, String url) throws Exception {
        Path f = dir.resolve(node + ".yaml");
        Files.writeString(f, "nodeName: " + node + "\nmqtt:\n  mode: external\n  url: " + url + "\n  clientIdPrefix: cwtest\n");
        return f;
    }

    private static MqttConnectionOptions persistent() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        return o;
    }

    private static MqttClient client(String id, List<String> received) throws MqttException {
        MqttClient c = new MqttClient(TestBroker.url(), id, new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                received.add(new String(m.getPayload()));
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        return c;
    }
}
