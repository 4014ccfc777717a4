package org.carewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.mqtt.MqttLogin;
import org.carewatch.core.mqtt.MqttPasswords;
import org.carewatch.core.sensors.DeviceCredentialRepository;
import org.carewatch.core.sensors.SensorInput;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.ingest.telemetry.BrokerProbe;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code carewatch mqtt acl} from a registry with two devices: the files' content, and (when Mosquitto is
 * installed) a real Mosquitto started with them on a spare port, which must apply CareWatch's rule: anonymous
 * and wrong logins refused, a device publishes to its own topic but not to another's, CareWatch's login
 * reads everything, and a CareWatch node starts against it and stores a device's reading.
 */
class MqttAclCommandIT {
    static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    @Test
    void writesFilesThatARealMosquittoEnforces(@TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            String internalPassword = MqttPasswords.generate();
            CareWatchConfig base = TestApp.config(db, dir.resolve("data"), "tcp://127.0.0.1:1");
            MqttLogin mine;
            MqttLogin theirs;
            long mineId;
            try (Store store = Store.open(base.store(), db.jdbcUrl(), db.user(), db.password(), null)) {
                var ds = store.dataSource();
                var data = new TestData(ds);
                long centre = data.centre(data.district("A"), "A1");
                var sensors = new SensorRepository(ds, ProfileCatalog.builtIn()::sensor);
                var logins = new DeviceCredentialRepository(ds);
                mineId = sensors.create(centre, new SensorInput("Fridge", "z2m-temperature-humidity", "A1.fridge", null, "fridge", null)).id();
                long theirsId = sensors.create(centre, new SensorInput("Door", "z2m-door-contact", "A1.door", null, "door", null)).id();
                long inactive = sensors.create(centre, new SensorInput("Old", "z2m-door-contact", "A1.old", null, "", false)).id();
                mine = logins.issue(mineId);
                theirs = logins.issue(theirsId);
                logins.issue(inactive);
            }
            Path cfg = dir.resolve("carewatch.yaml");
            Files.writeString(cfg, "dataDir: " + dir.resolve("data") + "\nstore:\n  mode: external\n  url: \"" + db.jdbcUrl() + "\"\n  user: "
                    + db.user() + "\n  password: \"" + (db.password() == null ? "" : db.password()) + "\"\nmqtt:\n  mode: external\n"
                    + "  username: cw-node\n  password: \"" + internalPassword + "\"\n");
            Path out = dir.resolve("mosquitto");

            CliRun noLogin = CliRun.of("mqtt", "acl", "--data", dir.resolve("nothing").toString(), "--out", out.toString());
            assertThat(noLogin.exit()).isEqualTo(2);
            assertThat(noLogin.err()).contains("mqtt.username", "mqtt.password");

            CliRun r = CliRun.of("mqtt", "acl", "--config", cfg.toString(), "--out", out.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("wrote 3 logins (CareWatch and 2 devices)");
            Path passwd = out.resolve("carewatch.passwd");
            Path acl = out.resolve("carewatch.acl");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwd))).isEqualTo("rw-------");
            List<String> users = Files.readAllLines(passwd);
            assertThat(users).hasSize(3).allMatch(l -> l.matches("[a-z0-9-]+:\\$7\\$.+"));
            assertThat(String.join("\n", users)).doesNotContain(internalPassword, mine.password(), theirs.password());
            assertThat(Files.readString(acl)).contains("user cw-node\ntopic readwrite #\n",
                    "user " + mine.username() + "\ntopic write zigbee2mqtt/A1.fridge\ntopic write zigbee2mqtt/A1.fridge/availability\n",
                    "user " + theirs.username() + "\ntopic write zigbee2mqtt/A1.door\n").doesNotContain("A1.old");

            assumeThat(Files.isExecutable(MOSQUITTO)).as("mosquitto installed").isTrue();
            int port = freePort();
            Path conf = dir.resolve("mosquitto.conf");
            // "user root": when the test runs as root, Mosquitto would otherwise switch to the mosquitto user,
            // which may not read the password file (mode 600, as it should be).
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous false\npassword_file " + passwd + "\nacl_file " + acl
                    + "\npersistence false\nlog_dest stderr\nuser root\n");
            Process mosquitto = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> listening(port) || !mosquitto.isAlive());
                assertThat(mosquitto.isAlive()).as(Files.readString(dir.resolve("mosquitto.log"))).isTrue();
                String url = "tcp://127.0.0.1:" + port;
                assertThat(BrokerProbe.anonymous(url, new StringBuilder())).isEqualTo(BrokerProbe.Anonymous.REFUSED);
                assertThat(refusal(url, mine.username(), mine.password() + "x")).isGreaterThanOrEqualTo(0x80);
                assertThat(refusal(url, "cw-node", "guess")).isGreaterThanOrEqualTo(0x80);

                List<String> seen = new CopyOnWriteArrayList<>();
                MqttClient reader = new MqttClient(url, "reader", new MemoryPersistence());
                reader.setCallback(new Collect(seen));
                reader.connect(options("cw-node", internalPassword));
                reader.subscribe("zigbee2mqtt/#", 1);
                MqttClient device = connect(url, "fridge-device", mine.username(), mine.password());
                try {
                    publish(device, "zigbee2mqtt/A1.door", "{\"contact\":false}");
                } catch (MqttException refused) {
                    // Mosquitto may answer "not authorized"; either way nothing may be delivered
                }
                if (!device.isConnected()) {
                    device = connect(url, "fridge-device", mine.username(), mine.password());
                }
                publish(device, "zigbee2mqtt/A1.fridge", "{\"temperature\":4.5}");
                // Mosquitto keeps one publisher's order: the forged message would have arrived before this one.
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("zigbee2mqtt/A1.fridge {\"temperature\":4.5}"));
                assertThat(seen).noneMatch(s -> s.startsWith("zigbee2mqtt/A1.door"));
                device.disconnect();
                reader.disconnect();

                // A node started against this broker with its own login: the anonymous probe is refused, so it starts,
                // and a device's reading is stored.
                CareWatchConfig nodeCfg = base.withMqtt(ConfigLoader.defaults().mqtt().external(url).withLogin("cw-node", internalPassword));
                try (CareWatchApp app = CareWatchApp.start(nodeCfg, false)) {
                    Http http = new Http(app.httpPort());
                    await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/readyz", null).status() == 200);
                    MqttClient again = connect(url, "fridge-device", mine.username(), mine.password());
                    await().atMost(Duration.ofSeconds(30)).until(() -> {
                        publish(again, "zigbee2mqtt/A1.fridge", "{\"temperature\":5.25,\"last_seen\":\"" + Instant.now() + "\"}");
                        try (var c = app.store().connection();
                             var ps = c.prepareStatement("SELECT count(*) FROM readings WHERE sensor_id = ? AND value = 5.25")) {
                            ps.setLong(1, mineId);
                            try (var rs = ps.executeQuery()) {
                                rs.next();
                                return rs.getLong(1) > 0;
                            }
                        }
                    });
                    again.disconnect();
                }
            } finally {
                mosquitto.destroy();
                mosquitto.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static MqttConnectionOptions options(String user, String password) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setUserName(user);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        return o;
    }

    static MqttClient connect(String url, String id, String user, String password) throws MqttException {
        MqttClient c = new MqttClient(url, id, new MemoryPersistence());
        c.connect(options(user, password));
        return c;
    }

    /** Collects "topic payload" of each message (Paho's subscribe-with-listener recurses forever in this version). */
    record Collect(List<String> seen) implements org.eclipse.paho.mqttv5.client.MqttCallback {
        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage m) {
            seen.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8));
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
    }

    static int refusal(String url, String user, String password) {
        try {
            connect(url, "probe-" + System.nanoTime(), user, password).disconnect();
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
}
