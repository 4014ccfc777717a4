package org.carewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.carewatch.alerts.bench.Percentiles;
import org.carewatch.alerts.bench.ReadingsLoad;
import org.carewatch.alerts.engine.AlertEngine;
import org.carewatch.alerts.engine.SensorReading;
import org.carewatch.app.CareWatchApp;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;
import org.carewatch.profiles.sensor.DecodeResult;
import org.carewatch.profiles.sensor.Reading;
import org.carewatch.profiles.sensor.SensorProfile;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carewatch bench alerts}: life-safety alert latency end to end on a whole node (embedded
 * PostgreSQL and broker): a Paho client publishes {@code {"smoke":true}} for a new detector; a Paho
 * subscriber decodes it with the hardware profile and feeds the alert engine (as telemetry does); the
 * time ends when a console connected to {@code /api/v1/alerts/stream} receives the {@code alert.raised}
 * event (sent only after the row is committed). Meanwhile background CO2 readings are published at
 * {@code --rate} and go the same way (and are COPYed into {@code readings}). Last line is JSON.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Life-safety alert latency: MQTT publish of smoke=true to the alert pushed to a connected console, under background load.")
public final class BenchAlertsCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "20", description = "measuring time (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--rate", defaultValue = "10000", description = "background readings per second (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--smoke-interval-ms", defaultValue = "200", description = "a new smoke alarm every N ms (default ${DEFAULT-VALUE})")
    int smokeEveryMs;

    @Option(names = "--data", description = "data folder (default: a new temporary folder)")
    Path data;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "bench-";

    @Override
    public Integer call() throws Exception {
        Path dir = data != null ? data : Files.createTempDirectory("carewatch-bench-alerts");
        CareWatchConfig cfg = ConfigLoader.load(null, Map.of()).withDataDir(dir.toAbsolutePath());
        cfg = cfg.withHttp(cfg.http().withPort(0)).withMqtt(cfg.mqtt().withEmbeddedPort(0, true));
        try (CareWatchApp app = CareWatchApp.start(cfg, false)) {
            long centre = seed(app);
            String token = token(app.httpPort());
            AlertEngine engine = app.alertEngine();
            SensorProfile smoke = app.profiles().sensor("z2m-smoke").orElseThrow();
            SensorProfile air = app.profiles().sensor("z2m-air-quality").orElseThrow();

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            // Stage times per smoke detector: arrived at the bridge, alert committed and published.
            Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
            Map<String, Long> committedAt = new ConcurrentHashMap<>();
            List<double[]> stages = Collections.synchronizedList(new ArrayList<>());
            app.alertNotifier().add(n -> {
                if ("alert.raised".equals(n.event())) {
                    committedAt.put(n.alert().sourceId(), System.nanoTime());
                }
            });
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            HttpClient http = HttpClient.newHttpClient();
            var sse = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/alerts/stream"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofLines());
            sse.thenAccept(r -> r.body().forEach(line -> {
                if (line.startsWith("data: ")) {
                    try {
                        JsonNode n = JSON.readTree(line.substring(6));
                        if ("alert.raised".equals(n.path("event").asText())) {
                            String id = n.path("alert").path("sourceId").asText();
                            long t3 = System.nanoTime();
                            Long t0 = sentAt.remove(id);
                            if (t0 != null) {
                                latencies.add((t3 - t0) / 1e6);
                                Long t1 = arrivedAt.remove(id);
                                Long t2 = committedAt.remove(id);
                                if (t1 != null && t2 != null) {
                                    stages.add(new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6});
                                }
                            }
                        }
                    } catch (Exception e) {
                        System.err.println("bad event line: " + e.getMessage());
                    }
                }
            }));

            try (ReadingsLoad load = new ReadingsLoad(app.store().dataSource())) {
                AtomicLong received = new AtomicLong();
                MqttClient subscriber = new MqttClient(app.mqttUrl(), "bench-bridge", new MemoryPersistence());
                subscriber.setCallback(new Bridge(engine, load, centre, smoke, air, received, arrivedAt));
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setCleanStart(true);
                subscriber.connect(o);
                subscriber.subscribe("zigbee2mqtt/+", 1);

                MqttAsyncClient background = new MqttAsyncClient(app.mqttUrl(), "bench-background", new MemoryPersistence());
                background.connect(o).waitForCompletion(10_000);
                MqttClient detectors = new MqttClient(app.mqttUrl(), "bench-detectors", new MemoryPersistence());
                detectors.connect(o);

                long end = System.nanoTime() + seconds * 1_000_000_000L;
                long[] published = new long[2];
                Thread bg = Thread.ofPlatform().name("bench-publisher").start(() -> {
                    long start = System.nanoTime();
                    long i = 0;
                    while (System.nanoTime() < end) {
                        long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                        for (; i < due && System.nanoTime() < end; i++) {
                            MqttMessage m = new MqttMessage(("{\"co2\":" + (500 + i % 300) + "}").getBytes(StandardCharsets.UTF_8));
                            m.setQos(0);
                            try {
                                background.publish("zigbee2mqtt/" + PREFIX + "air-" + (i % 1000), m);
                            } catch (MqttException e) {
                                published[1]++; // client queue full: counted, not retried
                            }
                        }
                        LockSupport.parkNanos(500_000);
                    }
                    published[0] = i;
                });
                Thread.sleep(1000); // let the background load establish itself
                int n = 0;
                while (System.nanoTime() < end) {
                    String device = PREFIX + "smoke-" + n;
                    sentAt.put(Long.toString(1_000_000L + n), System.nanoTime());
                    MqttMessage m = new MqttMessage("{\"smoke\":true,\"battery\":95}".getBytes(StandardCharsets.UTF_8));
                    m.setQos(1);
                    detectors.publish("zigbee2mqtt/" + device, m);
                    n++;
                    Thread.sleep(smokeEveryMs);
                }
                bg.join();
                long wait = System.nanoTime() + 10_000_000_000L;
                while (!sentAt.isEmpty() && System.nanoTime() < wait) {
                    Thread.sleep(20);
                }
                detectors.disconnect();
                background.disconnect().waitForCompletion(5000);
                subscriber.disconnect();
                Percentiles p = new Percentiles(latencies.stream().mapToDouble(Double::doubleValue).toArray());
                double bgRate = (published[0] - published[1]) / (double) seconds;
                System.out.printf("alert latency (MQTT publish → committed → SSE event at the console): %d smoke alerts, p50 %.1f ms, "
                                + "p99 %.1f ms, max %.1f ms, %d not received within 10 s%n", p.count(), p.p(50), p.p(99), p.max(), sentAt.size());
                for (int k = 0; k < 3; k++) {
                    final int stage = k;
                    Percentiles sp = new Percentiles(stages.stream().mapToDouble(a -> a[stage]).toArray());
                    System.out.printf("  stage %s: p50 %.1f ms, p99 %.1f ms%n",
                            new String[] {"publish → bridge (broker, Paho)", "bridge → committed (decode, engine, writer, PostgreSQL)",
                                    "committed → console (event bus, SSE)"}[k], sp.p(50), sp.p(99));
                }
                System.out.printf("background: %d published in %d s (%.0f/s, %d refused by the client), %d received by the bridge, "
                                + "%d COPYed into readings%n", published[0], seconds, bgRate, published[1], received.get(), load.written());
                System.out.printf("{\"bench\":\"alerts-latency\",\"alerts\":%d,\"p50Ms\":%s,\"p99Ms\":%s,\"maxMs\":%s,\"missed\":%d,"
                                + "\"backgroundPublishedPerSecond\":%d,\"backgroundReceived\":%d,\"seconds\":%d}%n",
                        p.count(), Percentiles.round(p.p(50)), Percentiles.round(p.p(99)), Percentiles.round(p.max()), sentAt.size(),
                        Math.round(bgRate), received.get(), seconds);
                return sentAt.isEmpty() ? 0 : 1;
            }
        }
    }

    /**
     * Decodes with the hardware profile and feeds the engine, as the telemetry pipeline does. Paho's
     * callback thread only classifies the topic and queues the message; a decoder thread takes
     * life-safety devices (smoke) first, so a backlog of routine readings does not delay them.
     */
    private static final class Bridge implements MqttCallback {
        private record Msg(int priority, long seq, String topic, byte[] payload) {
        }

        private final AlertEngine engine;
        private final ReadingsLoad load;
        private final long centre;
        private final SensorProfile smoke;
        private final SensorProfile air;
        private final AtomicLong received;
        private final Map<String, Long> arrivedAt;
        private final AtomicLong seq = new AtomicLong();
        private final java.util.concurrent.PriorityBlockingQueue<Msg> queue = new java.util.concurrent.PriorityBlockingQueue<>(1024,
                java.util.Comparator.comparingInt(Msg::priority).thenComparingLong(Msg::seq));

        Bridge(AlertEngine engine, ReadingsLoad load, long centre, SensorProfile smoke, SensorProfile air, AtomicLong received,
               Map<String, Long> arrivedAt) {
            this.arrivedAt = arrivedAt;
            this.engine = engine;
            this.load = load;
            this.centre = centre;
            this.smoke = smoke;
            this.air = air;
            this.received = received;
            Thread.ofPlatform().daemon().name("bench-bridge-decoder").start(this::decodeLoop);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.incrementAndGet();
            boolean lifeSafety = topic.startsWith("zigbee2mqtt/" + PREFIX + "smoke-");
            if (lifeSafety) {
                arrivedAt.put(Long.toString(1_000_000L + Long.parseLong(topic.substring(("zigbee2mqtt/" + PREFIX + "smoke-").length()))),
                        System.nanoTime());
            }
            queue.add(new Msg(lifeSafety ? 0 : 1, seq.incrementAndGet(), topic, message.getPayload()));
        }

        private void decodeLoop() {
            while (true) {
                Msg m;
                try {
                    m = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                decode(m.topic(), m.payload());
            }
        }

        private void decode(String topic, byte[] payload) {
            String device = topic.substring(topic.lastIndexOf('/') + 1);
            boolean isSmoke = device.startsWith(PREFIX + "smoke-");
            SensorProfile p = isSmoke ? smoke : air;
            long sensor;
            try {
                sensor = isSmoke ? 1_000_000L + Long.parseLong(device.substring((PREFIX + "smoke-").length()))
                        : Long.parseLong(device.substring((PREFIX + "air-").length()));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                return;
            }
            if (p.decoder().decode(topic, payload, Instant.now()) instanceof DecodeResult.Decoded d) {
                for (Reading r : d.readings()) {
                    engine.onReading(new SensorReading(centre, sensor, p.id(), r.metric(), r.value(), r.observedAt()));
                    load.add(r.observedAt(), centre, sensor, r.metric(), r.value());
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String uri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    private static long seed(CareWatchApp app) throws Exception {
        long district;
        long centre;
        try (Connection c = app.store().connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO districts (code, name) VALUES ('BENCH', 'Bench') ON CONFLICT (code) DO NOTHING");
            st.execute("INSERT INTO centres (district_id, code, name, open_days, opens_at, closes_at) SELECT id, 'BENCH1', 'Bench centre', "
                    + "'{1,2,3,4,5,6,7}', '00:00', '23:59' FROM districts WHERE code = 'BENCH' ON CONFLICT (code) DO NOTHING");
            try (ResultSet rs = st.executeQuery("SELECT district_id, id FROM centres WHERE code = 'BENCH1'")) {
                rs.next();
                district = rs.getLong(1);
                centre = rs.getLong(2);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM users WHERE username = 'bench-officer'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return centre;
                }
            }
        }
        new UserRepository(app.store().dataSource()).create("bench-officer", "Bench officer", new PasswordHasher().hash("bench-officer-pass"),
                Role.OFFICER, district, null, "en");
        return centre;
    }

    private static String token(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bench-officer\",\"password\":\"bench-officer-pass\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).get("token").asText();
    }
}
