package org.carewatch.tools.bench.mqtt;

import org.carewatch.tools.bench.BenchDistrict;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.config.TelemetryConfig;
import org.carewatch.core.embedded.EmbeddedBroker;
import org.carewatch.core.embedded.EmbeddedPostgres;
import org.carewatch.core.readings.HourlyRollup;
import org.carewatch.core.readings.Reading;
import org.carewatch.core.readings.ReadingListener;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.core.sensors.SensorInput;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.core.store.Store;
import org.carewatch.ingest.telemetry.BrokerConnection;
import org.carewatch.ingest.telemetry.BrokerSessions;
import org.carewatch.ingest.telemetry.TelemetryPipeline;
import org.carewatch.tools.simulator.sensors.PayloadModel;
import org.carewatch.tools.simulator.sensors.SensorSimulator;
import org.carewatch.tools.simulator.sensors.SimulatedDevice;
import org.carewatch.profiles.catalog.ProfileCatalog;

/**
 * {@code carewatch bench mqtt}: end-to-end MQTT ingest on this machine, in one run:
 * <ol>
 * <li>warm-up: {@code warmupMessages} go through the pipeline untimed, so the JIT has compiled its hot path
 * and the figure is the sustained rate, not the start-up (the baseline gets a warm-up too);</li>
 * <li>throughput: publishers send as fast as the broker takes QoS 1 messages of 4 readings; measured from
 * the first publish to the moment the last reading is committed (publish → decode → rules hook → row);</li>
 * <li>latency: publish-to-commit p50/p99 at half the measured rate (the reading time is the publish time);</li>
 * <li>baseline: the naive subscriber that commits one INSERT per message, on the same broker and database.</li>
 * </ol>
 * Loss and duplication are counted from the table against every message the broker acknowledged.
 */
public final class MqttBenchmark {
    private static final String PROFILE = "z2m-temperature-humidity";
    private static final int METRICS = 4;

    /**
     * @param brokerUrl   null: an embedded broker
     * @param pgUrl       null: an embedded PostgreSQL; else a server URL on which a scratch database is created
     */
    public record Options(String brokerUrl, String pgUrl, int devices, long messages, long warmupMessages, int connections,
                          long baselineMessages, int latencySeconds, int batchRows, int flushMillis) {
    }

    public record Result(double readingsPerSecond, double messagesPerSecond, double baselineReadingsPerSecond, double latencyP50Ms,
                         double latencyP99Ms, double latencyRateMessagesPerSecond, long lost, long duplicated, long expectedReadings,
                         long warmupMessages, String broker, String store) {

        public String json() {
            return String.format(Locale.ROOT, "{\"readings_per_s\":%.0f,\"messages_per_s\":%.0f,\"baseline_readings_per_s\":%.0f,"
                            + "\"speedup\":%.1f,\"latency_p50_ms\":%.1f,\"latency_p99_ms\":%.1f,\"latency_rate_msgs_per_s\":%.0f,"
                            + "\"lost\":%d,\"duplicated\":%d,\"expected_readings\":%d,\"warmup_messages\":%d,\"broker\":\"%s\",\"store\":\"%s\"}",
                    readingsPerSecond, messagesPerSecond, baselineReadingsPerSecond,
                    baselineReadingsPerSecond > 0 ? readingsPerSecond / baselineReadingsPerSecond : 0, latencyP50Ms, latencyP99Ms,
                    latencyRateMessagesPerSecond, lost, duplicated, expectedReadings, warmupMessages, broker, store);
        }
    }

    private final Options o;
    private final PrintStream log;
    private final Deque<AutoCloseable> closers = new ArrayDeque<>();

    public MqttBenchmark(Options o, PrintStream log) {
        this.o = o;
        this.log = log;
    }

    public Result run() throws Exception {
        try {
            return runPhases();
        } finally {
            while (!closers.isEmpty()) {
                try {
                    closers.pop().close();
                } catch (Exception e) {
                    log.println("cleanup: " + e);
                }
            }
        }
    }

    private Result runPhases() throws Exception {
        Path work = Files.createTempDirectory("carewatch-bench-");
        closers.push(() -> deleteTree(work));
        String brokerUrl = o.brokerUrl();
        if (brokerUrl == null) {
            // Open, as the external brokers the benchmark is also run against: it measures ingest, not logins.
            EmbeddedBroker b = EmbeddedBroker.start(work.resolve("mqtt"), 0, true, Duration.ofSeconds(60),
                    org.carewatch.core.mqtt.BrokerAccess.OPEN);
            closers.push(b);
            brokerUrl = b.url();
        }
        Store store = openStore(work);
        var profiles = ProfileCatalog.builtIn();
        SensorRepository sensors = new SensorRepository(store.dataSource(), profiles::sensor);
        long centre = BenchDistrict.centre(store.dataSource()).id();
        List<SimulatedDevice> devices = register(sensors, centre, "bench-", o.devices(), null);
        Map<String, Sensor> baseTopics = new HashMap<>();
        List<SimulatedDevice> baseDevices = register(sensors, centre, "base-", Math.min(o.devices(), 200), baseTopics);
        log.printf("bench: %d devices, broker %s, %s%n", o.devices(), brokerUrl, store.features());

        // Phases 1 and 2: the CareWatch pipeline.
        TelemetryConfig cfg = ConfigLoader.defaults().telemetry().withBatching(o.batchRows(), o.flushMillis());
        String clientId = "cw-bench-" + UUID.randomUUID().toString().substring(0, 8);
        BrokerConnection broker = new BrokerConnection(brokerUrl, clientId, "", "", true, cfg.receiveMaximum());
        TelemetryPipeline pipeline = new TelemetryPipeline(cfg, "", broker, store.dataSource(), HourlyRollup.of(store.features()), sensors,
                profiles::sensor, work.resolve("spool"), null, Clock.systemUTC());
        AtomicLong accepted = new AtomicLong();
        LatencyRecorder latency = new LatencyRecorder();
        pipeline.addListener(new ReadingListener() {
            @Override
            public void readingsAccepted(List<Reading> readings) {
                accepted.addAndGet(readings.size());
                latency.record(readings);
            }
        });
        pipeline.start();
        broker.connect();
        await(() -> broker.subscribed(), 30, "subscription");

        long published = 0;
        if (o.warmupMessages() > 0) {
            long warmedFrom = accepted.get();
            published += publishAll(brokerUrl, clientId + "-warm", devices, o.warmupMessages(), o.connections()).acknowledged();
            awaitProgress(() -> accepted.get() - warmedFrom, o.warmupMessages() * METRICS, "warm-up");
        }
        long timedFrom = accepted.get();
        Published timed = publishAll(brokerUrl, clientId + "-pub", devices, o.messages(), o.connections());
        published += timed.acknowledged();
        long publishedAt = System.nanoTime();
        long want = o.messages() * METRICS;
        awaitProgress(() -> accepted.get() - timedFrom, want, "throughput phase");
        double seconds = (System.nanoTime() - timed.startedNanos()) / 1e9;
        double readingsPerS = want / seconds;
        log.printf("throughput: %d readings in %.2f s = %.0f readings/s (publishing took %.2f s)%n", want, seconds, readingsPerS,
                (publishedAt - timed.startedNanos()) / 1e9);

        double rate = readingsPerS / METRICS / 2;
        long latencyMessages = (long) (rate * o.latencySeconds());
        latency.start(Instant.now().plusSeconds(2));
        long before = accepted.get();
        try (SensorSimulator sim = new SensorSimulator(brokerUrl, clientId + "-lat", devices, o.connections(), 1, Clock.systemUTC(), SensorSimulator.Transport.LOAD)) {
            sim.run(latencyMessages, rate, null);
            sim.awaitPublished(30_000);
            published += sim.published();
        }
        awaitProgress(() -> accepted.get() - before, latencyMessages * METRICS, "latency phase");
        double[] pct = latency.percentiles(50, 99);
        log.printf("latency at %.0f msg/s (%.0f readings/s): p50 %.1f ms, p99 %.1f ms over %d messages%n", rate, rate * METRICS,
                pct[0], pct[1], latency.count());
        pipeline.close();
        broker.close();
        // The sessions the pipeline left at the broker would queue messages for nobody.
        BrokerSessions.endQuietly(brokerUrl, clientId);
        BrokerSessions.endQuietly(brokerUrl, clientId + TelemetryPipeline.LIFE_SAFETY_SESSION_SUFFIX);

        // Phase 3: the baseline, one committed INSERT per message.
        double baselinePerS;
        String baseId = clientId + "-baseline";
        try (BaselineSubscriber base = new BaselineSubscriber(brokerUrl, baseId, store.dataSource(), baseTopics, profiles::sensor)) {
            base.subscribe(List.of("zigbee2mqtt/+"));
            long baselineWarmup = Math.min(o.warmupMessages(), o.baselineMessages() / 5);
            published += publishAll(brokerUrl, baseId + "-warm", baseDevices, baselineWarmup, 1).acknowledged();
            awaitProgress(base.rows::get, baselineWarmup * METRICS, "baseline warm-up");
            long baseFrom = base.rows.get();
            Published base0 = publishAll(brokerUrl, baseId + "-pub", baseDevices, o.baselineMessages(), 1);
            published += base0.acknowledged();
            long bwant = o.baselineMessages() * METRICS;
            awaitProgress(() -> base.rows.get() - baseFrom, bwant, "baseline phase");
            baselinePerS = bwant / ((System.nanoTime() - base0.startedNanos()) / 1e9);
            log.printf("baseline: %d readings at %.0f readings/s%n", bwant, baselinePerS);
        }

        long expected = published * METRICS;
        long rows;
        long distinct;
        try (Connection c = store.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT (sensor_id, metric, time)) FROM readings")) {
            rs.next();
            rows = rs.getLong(1);
            distinct = rs.getLong(2);
        }
        String storeDesc = store.features().toString();
        return new Result(readingsPerS, readingsPerS / METRICS, baselinePerS, pct[0], pct[1], rate, Math.max(0, expected - distinct),
                rows - distinct, expected, o.warmupMessages(), brokerUrl, storeDesc.replace("\"", "'"));
    }

    /** Messages the broker acknowledged, and when the first of them was sent ({@link System#nanoTime}). */
    private record Published(long acknowledged, long startedNanos) {
    }

    /**
     * Publishes {@code n} prepared messages as fast as the broker takes them over {@code connections} load
     * connections and waits for the broker's acknowledgements. The start is taken just before the first
     * publish: connecting and formatting payloads are not timed.
     */
    private static Published publishAll(String brokerUrl, String clientId, List<SimulatedDevice> devices, long n, int connections)
            throws Exception {
        if (n <= 0) {
            return new Published(0, System.nanoTime());
        }
        try (SensorSimulator sim = new SensorSimulator(brokerUrl, clientId, devices, connections, 1, Clock.systemUTC(),
                SensorSimulator.Transport.LOAD)) {
            List<SimulatedDevice.Message> batch = sim.prepare(Math.toIntExact(n));
            long started = System.nanoTime();
            sim.publishAll(batch);
            sim.awaitPublished(30_000);
            return new Published(sim.published(), started);
        }
    }

    private Store openStore(Path work) throws Exception {
        var storeCfg = ConfigLoader.defaults().store();
        if (o.pgUrl() == null) {
            EmbeddedPostgres pg = EmbeddedPostgres.start(work.resolve("postgres"), 0, Duration.ofSeconds(60));
            closers.push(pg);
            pg.createDatabase("cw_bench");
            Store s = Store.open(storeCfg, pg.jdbcUrl("cw_bench"), pg.user(), pg.password(), null);
            closers.push(s);
            return s;
        }
        String name = "cw_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(o.pgUrl()); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        closers.push(() -> {
            try (Connection c = DriverManager.getConnection(o.pgUrl()); var st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        });
        int q = o.pgUrl().indexOf('?');
        String base = q < 0 ? o.pgUrl() : o.pgUrl().substring(0, q);
        String params = q < 0 ? "" : o.pgUrl().substring(q);
        Store s = Store.open(storeCfg, base.substring(0, base.lastIndexOf('/') + 1) + name + params, null, null, null);
        closers.push(s);
        return s;
    }


    private static List<SimulatedDevice> register(SensorRepository sensors, long centre, String prefix, int n, Map<String, Sensor> byTopic)
            throws SQLException {
        List<SimulatedDevice> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = String.format("%s%05d", prefix, i);
            Sensor s = sensors.create(centre, new SensorInput(key, PROFILE, key, null, null, null));
            out.add(new SimulatedDevice(PROFILE, key, i));
            if (byTopic != null) {
                byTopic.put(PayloadModel.topic(PROFILE, key), s);
            }
        }
        return out;
    }

    private static void await(BooleanSupplier done, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not finish within " + seconds + " s");
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /** Waits until {@code count} reaches {@code target}, or stops when it has not moved for 30 s (messages lost). */
    private void awaitProgress(java.util.function.LongSupplier count, long target, String what) throws InterruptedException {
        long last = -1;
        long lastMove = System.nanoTime();
        while (count.getAsLong() < target) {
            long now = count.getAsLong();
            if (now != last) {
                last = now;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > TimeUnit.SECONDS.toNanos(30)) {
                log.printf("%s: stalled at %d of %d readings for 30 s; the rest were lost%n", what, now, target);
                return;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Publish-to-commit latency of each message (its temperature reading), once started. */
    static final class LatencyRecorder {
        private volatile Instant from = Instant.MAX;
        private long[] samples = new long[1 << 16];
        private int n;

        void start(Instant after) {
            from = after;
        }

        synchronized void record(List<Reading> readings) {
            Instant f = from;
            long now = System.currentTimeMillis();
            for (Reading r : readings) {
                if (r.metric().equals("temperature") && !r.time().isBefore(f)) {
                    if (n == samples.length) {
                        samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = now - r.time().toEpochMilli();
                }
            }
        }

        synchronized long count() {
            return n;
        }

        synchronized double[] percentiles(double... ps) {
            long[] s = Arrays.copyOf(samples, n);
            Arrays.sort(s);
            double[] out = new double[ps.length];
            for (int i = 0; i < ps.length; i++) {
                out[i] = n == 0 ? Double.NaN : s[(int) Math.min(n - 1, Math.ceil(ps[i] / 100 * n) - 1)];
            }
            return out;
        }
    }
}
