package org.carewatch.tools.bench.alerts;

import org.carewatch.tools.bench.BenchDistrict;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.carewatch.alerts.engine.AlertEngine;
import org.carewatch.alerts.engine.RuleStateRepository;
import org.carewatch.alerts.engine.SensorReading;
import org.carewatch.alerts.lifecycle.AlertRepository;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.lifecycle.Deadlines;
import org.carewatch.alerts.notify.Notifier;
import org.carewatch.alerts.rules.CentreCalendar;
import org.carewatch.alerts.rules.RuleBook;
import org.carewatch.alerts.rules.RuleOverrideRepository;
import org.carewatch.core.centres.CentreChanges;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.embedded.EmbeddedPostgres;
import org.carewatch.core.store.Store;
import org.carewatch.profiles.catalog.ProfileCatalog;

/**
 * Life-safety alert latency inside the alerts module: a smoke=true reading handed to
 * {@link AlertEngine#onReading} until its alert row is committed and the notice is published (what the
 * console push hears), while background readings flow through the same engine at a set rate and are
 * COPYed into {@code readings}. On an embedded PostgreSQL in a temporary folder. The MQTT and SSE legs
 * are measured by {@code carewatch bench alerts} (patrol-ui).
 *
 * <p>Args: {@code [seconds=20] [readingsPerSecond=10000] [smokeIntervalMs=200]}. Last line is JSON.
 */
public final class AlertLatencyBench {
    private AlertLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int smokeEveryMs = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path dir = Files.createTempDirectory("carewatch-alert-bench");
        CareWatchConfig cfg = ConfigLoader.defaults();
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir.resolve("postgres"), 0, Duration.ofSeconds(60));
             Store store = Store.open(cfg.store(), pg.jdbcUrl("carewatch"), pg.user(), pg.password(), null)) {
            long centre = BenchDistrict.centre(store.dataSource()).id();
            Clock clock = Clock.systemUTC();
            Notifier notifier = new Notifier(cfg.alerts().groupWindow(), clock);
            CentreRepository centreRepo = new CentreRepository(store.dataSource());
            CentreService centres = new CentreService(centreRepo, CentreChanges.NONE);
            AlertService service = new AlertService(new AlertRepository(store.dataSource(), new Deadlines(cfg.alerts().deadlines())),
                    centres, notifier, clock);
            ProfileCatalog catalog = ProfileCatalog.builtIn();
            RuleBook rules = new RuleBook(catalog::sensor, new RuleOverrideRepository(store.dataSource()), null);
            rules.reload();
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            notifier.add(n -> {
                Long t0 = "alert.raised".equals(n.event()) ? sentAt.remove(n.alert().sourceId()) : null;
                if (t0 != null) {
                    latencies.add((System.nanoTime() - t0) / 1e6);
                }
            });
            try (AlertEngine engine = new AlertEngine(service, rules,
                    new CentreCalendar(centreRepo, cfg.alerts().zone(), clock, Duration.ofMinutes(1)),
                    new RuleStateRepository(store.dataSource()), cfg.alerts(), clock);
                 ReadingsLoad load = new ReadingsLoad(store.dataSource())) {
                engine.start(Duration.ofSeconds(1));
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                long[] sent = new long[1];
                Thread background = Thread.ofPlatform().name("bench-background").start(() -> {
                    long start = System.nanoTime();
                    long i = 0;
                    while (System.nanoTime() < end) {
                        long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                        for (; i < due; i++) {
                            long sensor = 1 + (i % 1000);
                            double co2 = 500 + (i % 300);
                            Instant now = Instant.now();
                            engine.onReading(new SensorReading(centre, sensor, "z2m-air-quality", "co2", co2, now));
                            load.add(now, centre, sensor, "co2", co2);
                        }
                        LockSupport.parkNanos(500_000);
                    }
                    sent[0] = i;
                });
                int smoke = 0;
                while (System.nanoTime() < end) {
                    long sensor = 1_000_000 + smoke++;
                    sentAt.put(Long.toString(sensor), System.nanoTime());
                    engine.onReading(new SensorReading(centre, sensor, "z2m-smoke", "smoke", 1, Instant.now()));
                    Thread.sleep(smokeEveryMs);
                }
                background.join();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while ((!engine.idle() || !sentAt.isEmpty()) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                double[] l = latencies.stream().mapToDouble(Double::doubleValue).toArray();
                Percentiles p = new Percentiles(l);
                int lost = sentAt.size();
                System.out.printf("alert latency (engine → committed → published): %d smoke alerts, p50 %.1f ms, p99 %.1f ms, "
                                + "max %.1f ms, %d not raised within 10 s; background %d readings in %d s (%.0f/s), %d COPYed%n",
                        p.count(), p.p(50), p.p(99), p.max(), lost, sent[0], seconds, sent[0] / (double) seconds, load.written());
                System.out.printf("{\"bench\":\"alerts-latency-engine\",\"alerts\":%d,\"p50Ms\":%s,\"p99Ms\":%s,\"maxMs\":%s,\"missed\":%d,"
                                + "\"backgroundReadingsPerSecond\":%d,\"seconds\":%d}%n",
                        p.count(), Percentiles.round(p.p(50)), Percentiles.round(p.p(99)), Percentiles.round(p.max()), lost,
                        Math.round(sent[0] / (double) seconds), seconds);
            }
        }
    }

    /** A district and one centre open around the clock, so the run does not depend on the hour. */
}
