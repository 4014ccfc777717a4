package org.carewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.carewatch.tools.bench.alerts.Percentiles;
import org.carewatch.app.CareWatchApp;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.MqttConfig;
import org.carewatch.core.readings.Reading;
import org.carewatch.core.readings.ReadingListener;
import org.carewatch.core.sensors.SensorInput;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;
import org.carewatch.tools.bench.BenchDistrict;
import org.carewatch.ingest.telemetry.BrokerSessions;
import org.carewatch.tools.simulator.sensors.SensorSimulator;
import org.carewatch.tools.simulator.sensors.SimulatedDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Life-safety alert latency through a whole CareWatch node, no stand-ins: registered smoke detectors
 * publish {@code {"smoke":true}} (QoS 1) to the broker; the node's telemetry pipeline decodes and commits
 * the readings and hands them to the alert engine ({@code SensorAlerts}); the alert writer commits the
 * alert row and its event, and only then does {@code AlertService} publish the notice to the event bus and
 * the SSE stream. Time runs from just before the publish to the console reading {@code alert.raised}.
 * Background: temperature/humidity sensors (4 readings per message, QoS 1) through the same pipeline.
 */
final class AlertPathBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BG_PROFILE = "z2m-temperature-humidity";
    private static final int WARMUP_SECONDS = 2;

    record Result(int alerts, double p50, double p99, double max, int missed, double backgroundCommittedPerSecond,
                  double backgroundPublishedPerSecond, int seconds, String broker, String store) {
        String json() {
            return String.format(Locale.ROOT, "{\"bench\":\"alerts-latency-real-path\",\"alerts\":%d,\"p50Ms\":%.1f,\"p99Ms\":%.1f,"
                            + "\"maxMs\":%.1f,\"missed\":%d,\"backgroundReadingsCommittedPerSecond\":%.0f,"
                            + "\"backgroundReadingsPublishedPerSecond\":%.0f,\"seconds\":%d,\"broker\":\"%s\",\"store\":\"%s\"}",
                    alerts, p50, p99, max, missed, backgroundCommittedPerSecond, backgroundPublishedPerSecond, seconds, broker,
                    store.replace("\"", "'"));
        }
    }

    private final CareWatchConfig cfg;
    private final int seconds;
    private final int rate;
    private final int smokeEveryMs;
    private final int devices;
    private final int connections;
    private final PrintStream out;

    AlertPathBench(CareWatchConfig cfg, int seconds, int rate, int smokeEveryMs, int devices, int connections, PrintStream out) {
        this.cfg = cfg;
        this.seconds = seconds;
        this.rate = rate;
        this.smokeEveryMs = smokeEveryMs;
        this.devices = devices;
        this.connections = connections;
        this.out = out;
    }

    Result run() throws Exception {
        try {
            return measure();
        } finally {
            if (cfg.mqtt().mode() == MqttConfig.Mode.EXTERNAL) {
                // The node's sessions would queue messages for nobody.
                for (String id : BrokerSessions.ofNode(cfg.mqtt().clientIdPrefix(), cfg.nodeName())) {
                    String problem = BrokerSessions.endQuietly(cfg.mqtt().url(), id);
                    if (problem != null) {
                        out.println(problem);
                    }
                }
            }
        }
    }

    private Result measure() throws Exception {
        try (CareWatchApp app = CareWatchApp.start(cfg, false)) {
            if (app.telemetry() == null) {
                throw new IllegalStateException("telemetry is disabled in the configuration");
            }
            long centre = seed(app);
            SensorRepository sensors = new SensorRepository(app.store().dataSource(), app.profiles()::sensor);
            List<SimulatedDevice> background = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                String key = String.format("bench-th-%05d", i);
                sensors.create(centre, new SensorInput(key, BG_PROFILE, key, null, null, null));
                background.add(new SimulatedDevice(BG_PROFILE, key, i));
            }
            int smokes = seconds * 1000 / smokeEveryMs + 10;
            List<Long> smokeIds = new ArrayList<>();
            for (int i = 0; i < smokes; i++) {
                String key = String.format("bench-smoke-%05d", i);
                smokeIds.add(sensors.create(centre, new SensorInput(key, "z2m-smoke", key, null, "kitchen", null)).id());
            }
            app.telemetry().refreshSensors();
            Set<Long> smokeSet = Set.copyOf(smokeIds);
            AtomicLong bgCommitted = new AtomicLong();
            // Stage marks per detector: its reading committed by telemetry, its alert committed (notice published).
            Map<String, Long> readingAt = new ConcurrentHashMap<>();
            Map<String, Long> alertAt = new ConcurrentHashMap<>();
            app.telemetry().addListener(new ReadingListener() {
                @Override
                public void readingsAccepted(List<Reading> readings) {
                    long n = 0;
                    for (Reading r : readings) {
                        if (smokeSet.contains(r.sensorId())) {
                            readingAt.putIfAbsent(Long.toString(r.sensorId()), System.nanoTime());
                        } else {
                            n++;
                        }
                    }
                    bgCommitted.addAndGet(n);
                }
            });
            app.alertNotifier().add(n -> {
                if ("alert.raised".equals(n.event())) {
                    alertAt.putIfAbsent(n.alert().sourceId(), System.nanoTime());
                }
            });

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Map<String, Long> sentCopy = new ConcurrentHashMap<>();
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            connectConsole(app.httpPort(), token(app.httpPort()), sentAt, latencies);

            String url = app.mqttUrl();
            MqttClient detectors = new MqttClient(url, "bench-detectors-" + ProcessHandle.current().pid(), new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            // The benchmark's publishers stand in for many devices at once: they use the node's own login
            // (devices' logins allow one device's topics each). Null for an external broker configured without one.
            var login = app.internalMqttLogin() == null || app.internalMqttLogin().username().isEmpty() ? null : app.internalMqttLogin();
            if (login != null) {
                o.setUserName(login.username());
                o.setPassword(login.password().getBytes(StandardCharsets.UTF_8));
            }
            detectors.connect(o);
            double msgRate = rate / 4.0;
            long bgMessages = (long) (msgRate * (seconds + WARMUP_SECONDS));
            long[] bgTime = new long[2];
            try (SensorSimulator sim = new SensorSimulator(url, "bench-bg-" + ProcessHandle.current().pid(), background, connections, 1,
                    Clock.systemUTC(), SensorSimulator.Transport.LOAD, login)) {
                Thread bg = Thread.ofPlatform().name("bench-background").start(() -> {
                    bgTime[0] = System.nanoTime();
                    try {
                        if (bgMessages > 0) {
                            sim.run(bgMessages, msgRate, null);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    bgTime[1] = System.nanoTime();
                });
                TimeUnit.SECONDS.sleep(WARMUP_SECONDS);
                long committed0 = bgCommitted.get();
                long t0 = System.nanoTime();
                long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
                int n = 0;
                while (System.nanoTime() < end && n < smokes) {
                    long id = smokeIds.get(n);
                    MqttMessage m = new MqttMessage(("{\"smoke\":true,\"battery_low\":false,\"tamper\":false,\"last_seen\":\""
                            + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8));
                    m.setQos(1);
                    long now = System.nanoTime();
                    sentCopy.put(Long.toString(id), now);
                    sentAt.put(Long.toString(id), now);
                    detectors.publish("zigbee2mqtt/" + String.format("bench-smoke-%05d", n), m);
                    n++;
                    long next = t0 + TimeUnit.MILLISECONDS.toNanos((long) n * smokeEveryMs);
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                double window = (System.nanoTime() - t0) / 1e9;
                double committedRate = (bgCommitted.get() - committed0) / window;
                bg.join();
                double publishedRate = sim.published() * 4.0 / Math.max(1e-9, (bgTime[1] - bgTime[0]) / 1e9);
                // Anything not at the console 10 s after its publish counts as missed.
                long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!sentAt.isEmpty() && System.nanoTime() < wait) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                detectors.disconnect();
                detectors.close();
                int missed = sentAt.size();
                Percentiles p = new Percentiles(latencies.stream().mapToDouble(Double::doubleValue).toArray());
                out.printf(Locale.ROOT, "alert latency (publish smoke=true -> telemetry -> alert row committed -> SSE alert.raised): "
                                + "%d alerts, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d missed (not at the console within 10 s)%n",
                        p.count(), p.p(50), p.p(99), p.max(), missed);
                printStages(sentCopy, readingAt, alertAt);
                out.printf(Locale.ROOT, "background: %.0f readings/s committed while measuring (%.0f published/s, %d messages acked, "
                        + "%d failed), %d readings committed in total%n", committedRate, publishedRate, sim.published(), sim.failed(),
                        bgCommitted.get());
                return new Result(p.count(), p.p(50), p.p(99), p.max(), missed, committedRate, publishedRate, seconds, url,
                        app.store().features().toString());
            }
        }
    }

    /** Where the time goes: broker + telemetry (reading committed), engine + alert writer (alert committed). */
    private void printStages(Map<String, Long> sent, Map<String, Long> readingAt, Map<String, Long> alertAt) {
        List<Double> toReading = new ArrayList<>();
        List<Double> toAlert = new ArrayList<>();
        sent.forEach((id, t0) -> {
            Long t1 = readingAt.get(id);
            Long t2 = alertAt.get(id);
            if (t1 != null && t2 != null) {
                toReading.add((t1 - t0) / 1e6);
                toAlert.add((t2 - t1) / 1e6);
            }
        });
        Percentiles a = new Percentiles(toReading.stream().mapToDouble(Double::doubleValue).toArray());
        Percentiles b = new Percentiles(toAlert.stream().mapToDouble(Double::doubleValue).toArray());
        out.printf(Locale.ROOT, "  publish -> smoke reading committed by telemetry (broker, pipeline): p50 %.1f ms, p99 %.1f ms%n", a.p(50), a.p(99));
        out.printf(Locale.ROOT, "  reading committed -> alert committed and published (engine, alert writer): p50 %.1f ms, p99 %.1f ms%n",
                b.p(50), b.p(99));
    }

    private static void connectConsole(int port, String token, Map<String, Long> sentAt, List<Double> latencies) {
        HttpClient http = HttpClient.newHttpClient();
        var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + token).GET().build();
        http.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(line -> {
            if (!line.startsWith("data: ")) {
                return;
            }
            long t = System.nanoTime();
            try {
                JsonNode n = JSON.readTree(line.substring(6));
                if ("alert.raised".equals(n.path("event").asText())) {
                    Long t0 = sentAt.remove(n.path("alert").path("sourceId").asText());
                    if (t0 != null && t - t0 <= TimeUnit.SECONDS.toNanos(10)) {
                        latencies.add((t - t0) / 1e6);
                    } else if (t0 != null) {
                        sentAt.put(n.path("alert").path("sourceId").asText(), t0); // too late: stays missed
                    }
                }
            } catch (Exception e) {
                System.err.println("bad event line: " + e.getMessage());
            }
        }));
    }

    /** A district, a centre open around the clock (so every rule applies), and an officer for the console. */
    private static long seed(CareWatchApp app) throws Exception {
        var centre = BenchDistrict.centre(app.store().dataSource());
        new UserRepository(app.store().dataSource()).create("bench-officer", "Bench officer", new PasswordHasher().hash("bench-officer-pass"),
                Role.OFFICER, centre.districtId(), null, "en");
        return centre.id();
    }

    private static String token(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bench-officer\",\"password\":\"bench-officer-pass\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).get("token").asText();
    }
}
