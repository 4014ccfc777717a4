package org.carewatch.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraInput;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.core.centres.CentreInput;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.districts.DistrictRepository;
import org.carewatch.core.security.CredentialCipher;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;
import org.carewatch.ingest.media.Codec;
import org.carewatch.patrol.PatrolServices;
import org.carewatch.patrol.access.Access;
import org.carewatch.patrol.frames.FrameSampler;
import org.carewatch.patrol.roster.OfficerRoster;
import org.carewatch.patrol.roster.RosterPatch;
import org.carewatch.tools.bench.rtsp.SimulatorProcess;
import org.carewatch.tools.clip.ClipSpec;

/**
 * The sampling half of {@code carewatch bench patrol --sampling}: a whole node (embedded PostgreSQL and broker in a
 * temporary folder, the production wiring of {@link CareWatchApp}) and a camera simulator in a child JVM (640x360
 * H.264, 25 fps, GOP 25 = 1 s). One district of centres with {@code held} held cameras (10 a centre) whose streams
 * are all streaming with a keyframe cached before the clock starts, one of centres with {@code cold} cameras
 * sampled on demand. {@code sample_held_s}/{@code sample_cold_s}: from the call of {@link FrameSampler#sampleRound}
 * until every camera's row and masked JPEG is stored.
 */
public final class PatrolSamplingBench {
    private static final int CAMERAS_PER_CENTRE = 10;

    public record Result(int held, int heldFrames, double heldSeconds, int cold, int coldFrames, double coldSeconds,
                         int heldConcurrency, int onDemandConcurrency, Latency quiet, Latency sampling, double heldUnderLoadSeconds) {
    }

    /** Smoke alerts from the engine to committed and published, in this node, while 10,000 readings/s go through the engine. */
    public record Latency(int alerts, double p50Ms, double p99Ms, double maxMs, int missed) {
    }

    private PatrolSamplingBench() {
    }

    public static Result run(int held, int cold, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("carewatch-patrol-bench");
        // CAREWATCH_PATROL_* variables vary the pools (e.g. CAREWATCH_PATROL_SAMPLE_HELD_CONCURRENCY=4).
        CareWatchConfig cfg = ConfigLoader.load(null, System.getenv()).withDataDir(dir);
        cfg = cfg.withOutbound(cfg.outbound().withCameras(cfg.outbound().cameras().withAllowLoopback(true)));
        cfg = cfg.withHttp(cfg.http().withPort(0)).withMqtt(cfg.mqtt().withEmbeddedPort(0, true));
        cfg = cfg.withPatrol(cfg.patrol().withScheduleEnabled(false));
        int simCameras = Math.max(1, Math.max(held, cold));
        out.printf("starting a simulator with %d cameras (child JVM) and a node in %s%n", simCameras, dir);
        try (SimulatorProcess sim = SimulatorProcess.launch(simCameras, ClipSpec.defaults(Codec.H264), dir.resolve("clips"));
             CareWatchApp app = CareWatchApp.start(cfg, false)) {
            var ds = app.store().dataSource();
            CameraRepository cameras = new CameraRepository(ds, CredentialCipher.fromKeyFile(cfg.inDataDir(cfg.security().credentialKeyFile())),
                    app.profiles());
            long heldDistrict = district(ds, "BENCH-HELD", held, true, sim.port(), cameras, app);
            long coldDistrict = district(ds, "BENCH-COLD", cold, false, sim.port(), cameras, app);
            long deadline = System.nanoTime() + 300_000_000_000L;
            List<Long> heldIds = new ArrayList<>();
            for (Camera c : cameras.listHeld()) {
                heldIds.add(c.id());
            }
            while (heldIds.stream().anyMatch(id -> app.fleet().cachedKeyframe(id).isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            long cached = heldIds.stream().filter(id -> app.fleet().cachedKeyframe(id).isPresent()).count();
            out.printf("%d of %d held cameras streaming with a keyframe cached%n", cached, heldIds.size());
            LocalDate today = LocalDate.now(cfg.alerts().zone());
            FrameSampler.Result h = sample(app, heldDistrict, today, 0, out);
            FrameSampler.Result c = sample(app, coldDistrict, today, 0, out);
            // The life-safety lane with and without a held round being sampled (round 2: the same 1,000 cameras).
            long alertCentre = org.carewatch.tools.bench.BenchDistrict.centre(ds).id();
            alertLatency(app, alertCentre, null, 10, out); // warm-up (JIT, pools), not reported
            Latency quiet = alertLatency(app, alertCentre, null, 30, out);
            FrameSampler.Result[] loaded = new FrameSampler.Result[1];
            Latency sampling = alertLatency(app, alertCentre, () -> loaded[0] = sample(app, heldDistrict, today, 2, out), 0, out);
            var pc = cfg.patrol();
            return new Result(h.cameras(), h.frames(), h.took().toMillis() / 1000.0, c.cameras(), c.frames(), c.took().toMillis() / 1000.0,
                    pc.sampleHeldConcurrency(), pc.sampleOnDemandConcurrency(), quiet, sampling, loaded[0].took().toMillis() / 1000.0);
        }
    }

    /**
     * Smoke readings (a new sensor every 200 ms, each raising an alert) and 10,000 CO2 readings/s into the node's
     * alert engine, for {@code seconds} or while {@code during} runs; latency from the reading to the alert's
     * publication after commit (the node's notifier).
     */
    private static Latency alertLatency(CareWatchApp app, long centre, java.util.concurrent.Callable<?> during, int seconds, PrintStream out)
            throws Exception {
        var engine = app.alertEngine();
        Map<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        app.alertNotifier().add(n -> {
            Long t0 = "alert.raised".equals(n.event()) ? sentAt.remove(n.alert().sourceId()) : null;
            if (t0 != null) {
                latencies.add((System.nanoTime() - t0) / 1e6);
            }
        });
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread background = Thread.ofPlatform().name("bench-readings").start(() -> {
            long start = System.nanoTime();
            long i = 0;
            while (running.get()) {
                long due = (System.nanoTime() - start) * 10_000 / 1_000_000_000L;
                for (; i < due; i++) {
                    engine.onReading(new org.carewatch.alerts.engine.SensorReading(centre, 1 + (i % 1000), "z2m-air-quality", "co2",
                            500 + (i % 300), java.time.Instant.now()));
                }
                java.util.concurrent.locks.LockSupport.parkNanos(500_000);
            }
        });
        java.util.concurrent.Future<?> work = during == null ? null
                : java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor().submit(during);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long sensor = 2_000_000 + (long) (Math.random() * 1_000_000) * 1000;
        while (work != null ? !work.isDone() : System.nanoTime() < end) {
            sensor++;
            sentAt.put(Long.toString(sensor), System.nanoTime());
            engine.onReading(new org.carewatch.alerts.engine.SensorReading(centre, sensor, "z2m-smoke", "smoke", 1, java.time.Instant.now()));
            Thread.sleep(200);
        }
        running.set(false);
        background.join();
        if (work != null) {
            work.get();
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!sentAt.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        org.carewatch.tools.bench.alerts.Percentiles p = new org.carewatch.tools.bench.alerts.Percentiles(
                latencies.stream().mapToDouble(Double::doubleValue).toArray());
        Latency l = new Latency(p.count(), p.p(50), p.p(99), p.max(), sentAt.size());
        out.printf("alert latency %s: %d smoke alerts, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d not raised within 10 s%n",
                during == null ? "without sampling" : "while sampling 1 held round", l.alerts(), l.p50Ms(), l.p99Ms(), l.maxMs(), l.missed());
        return l;
    }

    private static FrameSampler.Result sample(CareWatchApp app, long district, LocalDate day, int round, PrintStream out) throws Exception {
        FrameSampler.Result r = app.patrolSampler().sampleRound(district, day, round);
        out.printf("district %d: %d cameras, %d frames stored, %d without, %.2f s%n", district, r.cameras(), r.frames(), r.problems(),
                r.took().toMillis() / 1000.0);
        return r;
    }

    /** A district whose centres are open all day every day, an officer working every day, today drawn. */
    private static long district(javax.sql.DataSource ds, String code, int cameraCount, boolean held, int simPort, CameraRepository cameras,
                                 CareWatchApp app) throws Exception {
        long district = new DistrictRepository(ds).create(code, code).id();
        new UserRepository(ds).create(code.toLowerCase(java.util.Locale.ROOT) + "-officer", "Bench officer", "x", Role.OFFICER, district, null, "en");
        CentreRepository centres = new CentreRepository(ds);
        int made = 0;
        for (int c = 0; made < cameraCount; c++) {
            long centre = centres.create(new CentreInput(district, code + "-" + c, "Bench centre " + c, null, null, null, null, null,
                    List.of(1, 2, 3, 4, 5, 6, 7), LocalTime.MIN, LocalTime.of(23, 59), null, null, null, null, null)).id();
            for (int k = 0; k < CAMERAS_PER_CENTRE && made < cameraCount; k++) {
                made++;
                Camera cam = cameras.create(centre, new CameraInput("cam " + made, "generic-rtsp", "127.0.0.1", simPort, null, null,
                        "/cam/" + made, null, null, null, List.of(new org.carewatch.core.cameras.MaskRect(0, 0, 0.25, 0.25)), held, true, null));
                if (held) {
                    app.fleet().refresh(cam.id());
                }
            }
        }
        PatrolServices patrol = PatrolServices.create(ds, new org.carewatch.alerts.history.AlertHistory(ds, java.time.ZoneId.of("Asia/Shanghai")),
                "Asia/Shanghai", Clock.systemUTC());
        var system = Access.system(district, "bench");
        for (OfficerRoster o : patrol.rosters().list(system)) {
            patrol.rosters().update(system, o.id(), new RosterPatch(List.of(1, 2, 3, 4, 5, 6, 7), null, null, o.version()));
        }
        patrol.rotations().draw(system, LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")), null);
        return district;
    }
}
