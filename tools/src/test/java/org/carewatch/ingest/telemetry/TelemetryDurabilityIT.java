package org.carewatch.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carewatch.core.config.TelemetryConfig;
import org.carewatch.core.readings.Reading;
import org.carewatch.core.readings.ReadingListener;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.tools.simulator.sensors.SensorSimulator;
import org.carewatch.tools.simulator.sensors.SimulatedDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing duplicated: across a broker restart, a store outage (60 s by default; set
 * {@code -Dcarewatch.test.outage.seconds}) and a kill -9 of the CareWatch process followed by a restart.
 * Every published message carries its observation time, so each reading has one (sensor, metric, time) key
 * and the expected row count is exact.
 */
class TelemetryDurabilityIT {
    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("carewatch.test.outage.seconds", 60));
    TelemetryHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new TelemetryHarness();
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void brokerRestartLosesAndDuplicatesNothing(@TempDir Path brokerDir, @TempDir Path spool, @TempDir Path logs) throws Exception {
        int port = freePort();
        String url = "tcp://127.0.0.1:" + port;
        Process mqtt = startJava(logs.resolve("broker-1.log"), BrokerMain.class.getName(), brokerDir.toString(), String.valueOf(port));
        List<SimulatedDevice> devices = h.devices("z2m-temperature-humidity", "restart-", 10);
        TelemetryConfig cfg = TelemetryHarness.config();
        CountDownLatch gate = new CountDownLatch(1);
        AtomicBoolean holding = new AtomicBoolean();
        try (BrokerConnection broker = h.connect(url, "cw-restart", cfg);
             TelemetryPipeline p = h.pipeline(broker, cfg, spool)) {
            // Holds the first batch after its commit and before its MQTT acks: those messages are
            // un-acked at the broker when it stops, and are redelivered after the restart.
            p.addListener(new ReadingListener() {
                @Override
                public void readingsAccepted(List<Reading> readings) {
                    holding.set(true);
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            p.start();
            broker.connect();
            await().atMost(Duration.ofSeconds(20)).until(broker::connected);
            try (SensorSimulator sim = TelemetryHarness.publisher(url, devices)) {
                sim.run(500, 0, null);
                sim.awaitPublished(10_000);
            }
            await().atMost(Duration.ofSeconds(20)).until(holding::get);
            mqtt.destroy(); // SIGTERM: the broker shuts down and keeps its sessions and queues on disk
            mqtt.waitFor();
            await().atMost(Duration.ofSeconds(20)).until(() -> !broker.connected());
            mqtt = startJava(logs.resolve("broker-2.log"), BrokerMain.class.getName(), brokerDir.toString(), String.valueOf(port));
            gate.countDown();
            await().atMost(Duration.ofSeconds(60)).until(broker::connected);
            try (SensorSimulator sim = TelemetryHarness.publisher(url, devices)) {
                sim.run(500, 0, null);
                sim.awaitPublished(10_000);
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(h.readings()).isEqualTo(1000 * 4));
            assertThat(h.distinctReadings()).isEqualTo(1000 * 4);
            assertThat(p.stats().received()).isGreaterThanOrEqualTo(1000);
        } finally {
            mqtt.destroy();
            mqtt.waitFor();
        }
    }

    @Test
    void storeOutageSpoolsToDiskAndReplays(@TempDir Path spool) throws Exception {
        // Two smoke detectors among them: their messages take the life-safety lane, with its own spool.
        List<SimulatedDevice> devices = new java.util.ArrayList<>(h.devices("z2m-temperature-humidity", "outage-", 20));
        devices.addAll(h.devices("z2m-smoke", "outage-smoke-", 2));
        TelemetryConfig cfg = TelemetryHarness.config();
        double rate = 100;
        long total = (long) (rate * (OUTAGE.toSeconds() + 8));
        long smokeMessages = total / 22 * 2 + Math.max(0, total % 22 - 20);
        try (BrokerConnection broker = h.connect(TestBroker.url(), "cw-outage", cfg);
             TelemetryPipeline p = h.pipeline(broker, cfg, spool);
             SensorSimulator sim = TelemetryHarness.publisher(TestBroker.url(), devices)) {
            p.start();
            broker.connect();
            await().atMost(Duration.ofSeconds(20)).until(broker::connected);
            Thread publisher = Thread.ofVirtual().start(() -> {
                try {
                    sim.run(total, rate, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> h.readings() > 0);
            setConnections(false);
            Instant down = Instant.now();
            try {
                await().atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                        Duration.between(down, Instant.now()).compareTo(OUTAGE) >= 0 && p.stats().spoolBytes() > 0);
                assertThat(p.storeUp()).isFalse();
            } finally {
                setConnections(true);
            }
            publisher.join(Duration.ofSeconds(60));
            sim.awaitPublished(10_000);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(h.readings()).as("%s", h.metricCounts()).isEqualTo(total * 4));
            assertThat(h.distinctReadings()).isEqualTo(total * 4);
            assertThat(h.count("SELECT count(*) FROM readings WHERE metric = 'smoke'")).isEqualTo(smokeMessages);
            await().atMost(Duration.ofSeconds(30)).until(() -> p.stats().spoolBytes() == 0);
        }
    }

    @Test
    void killMinusNineThenRestartLosesAndDuplicatesNothing(@TempDir Path spool, @TempDir Path logs) throws Exception {
        List<SimulatedDevice> devices = h.devices("z2m-air-quality", "kill-", 20);
        String clientId = "cw-kill-" + System.nanoTime();
        h.forgetOnClose(TestBroker.url(), clientId);
        // Sized so the backlog the broker must keep for the dead node stays under Mosquitto's default
        // max_queued_messages (1000): a broker that drops beyond its queue limit is not what this tests.
        long total = 1500;
        Process node = startNode(spool, clientId, logs.resolve("node-1.log"));
        try (SensorSimulator sim = TelemetryHarness.publisher(TestBroker.url(), devices)) {
            Thread publisher = Thread.ofVirtual().start(() -> {
                try {
                    sim.run(total, 1000, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // Kill while messages are flowing: some committed, some queued in the node, some at the broker.
            await().atMost(Duration.ofSeconds(30)).until(() -> h.readings() >= 700 * 5);
            node.destroyForcibly();
            node.waitFor();
            node = startNode(spool, clientId, logs.resolve("node-2.log"));
            publisher.join(Duration.ofSeconds(60));
            sim.awaitPublished(10_000);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(h.readings()).isEqualTo(total * 5));
            assertThat(h.distinctReadings()).isEqualTo(total * 5);
        } finally {
            node.destroyForcibly();
            node.waitFor();
        }
    }

    private Process startNode(Path spool, String clientId, Path log) throws Exception {
        return startJava(log, TelemetryNodeMain.class.getName(), TestBroker.url(), h.db.jdbcUrl(), h.db.user(),
                h.db.password() == null ? "" : h.db.password(), spool.toString(), clientId);
    }

    /** Starts a main class of the test classpath in its own JVM and waits until it prints READY. */
    private static Process startJava(Path log, String mainClass, String... args) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 var out = java.nio.file.Files.newBufferedWriter(log)) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    out.write(line);
                    out.newLine();
                    out.flush();
                }
            } catch (java.io.IOException ignored) {
                // the process was stopped
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> lines.contains("READY") || !p.isAlive());
        assertThat(p.isAlive()).as("%s started; output: %s", mainClass, lines).isTrue();
        return p;
    }

    private void setConnections(boolean allowed) throws Exception {
        try (Connection c = h.db.adminConnection(); var st = c.createStatement()) {
            st.execute("ALTER DATABASE " + h.db.name() + " ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + h.db.name()
                        + "' AND pid <> pg_backend_pid()");
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean external() {
        return TestDatabase.external();
    }
}
