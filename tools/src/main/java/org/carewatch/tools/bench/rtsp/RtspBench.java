package org.carewatch.tools.bench.rtsp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.carewatch.tools.clip.ClipGenerator;
import org.carewatch.tools.clip.ClipSpec;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.ingest.health.StreamHealthListener;
import org.carewatch.ingest.health.StreamState;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.media.StreamFactsSnapshot;
import org.carewatch.ingest.rtp.Packetizer;
import org.carewatch.ingest.rtp.Packetizers;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.snapshot.SnapshotDecoder;
import org.carewatch.ingest.snapshot.SnapshotDecoderConfig;
import org.carewatch.ingest.stream.CameraStream;
import org.carewatch.ingest.stream.StreamHolder;

/**
 * The RTSP ingest benchmark of issue 4 ({@code carewatch bench rtsp}). Against the camera simulator (a child
 * JVM, 640x360 25 fps H.264, 1 s GOP) it measures, in one run:
 * <ol>
 * <li>the grabber baseline: a JavaCV grabber per camera decoding every frame, in a child JVM;</li>
 * <li>held streams in this JVM at each count: CPU of this process per stream over a steady window, heap
 * after GC and RSS per stream, threads, file descriptors, and that every stream is STREAMING;</li>
 * <li>at the largest count: snapshot latency from held streams ({@link SnapshotDecoder} on
 * {@link CameraStream#latestKeyframe()}) and an {@code ffmpeg} process per snapshot on a held camera;</li>
 * <li>cold snapshots (camera not held) per GOP length.</li>
 * </ol>
 * Progress goes to stderr, one JSON line per phase to stdout; the last line is the summary object.
 */
public final class RtspBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RtspBenchConfig config;
    private final PrintStream out;

    public RtspBench(RtspBenchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        RtspBenchConfig config;
        try {
            config = RtspBenchConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: " + RtspBenchConfig.USAGE);
            System.exit(2);
            return;
        }
        new RtspBench(config, System.out).run();
        System.exit(0);
    }

    /** Runs every phase and returns the summary (also printed as the last line). */
    public Map<String, Object> run() throws Exception {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("bench", "rtsp");
        summary.put("machine", machine());
        ClipSpec clip = ClipSpec.defaults(Codec.H264); // 640x360 25 fps, GOP 25 = 1 s
        summary.put("clip", clip.cacheKey());
        double fullRate = packetsPerSecond(clip);
        summary.put("clip_rtp_packets_per_s", round(fullRate, 1));

        progress("starting simulator (%d cameras) in a child JVM", config.maxStreams());
        try (SimulatorProcess sim = SimulatorProcess.launch(config.maxStreams(), clip, config.clipCache())) {
            if (config.baselineStreams() > 0) {
                Map<String, Object> baseline = baseline(sim);
                summary.put("baseline_streams", baseline.get("streams"));
                summary.put("baseline_cpu_per_stream", baseline.get("cpu_per_stream"));
                summary.put("baseline_decoded_fps_per_stream", baseline.get("decoded_fps_per_stream"));
            }
            held(sim, summary, fullRate);
        }
        if (!config.gops().isEmpty()) {
            progress("cold snapshots for GOPs %s (%d each)", config.gops(), config.coldRuns());
            Map<Integer, Map<String, Object>> cold = new ColdSnapshotSweep(config.clipCache(), clip.width(),
                    clip.height(), clip.fps()).run(config.gops(), config.coldRuns());
            line(Map.of("phase", "cold_snapshot", "by_gop", cold));
            Map<String, Object> p50 = new LinkedHashMap<>();
            cold.forEach((gop, r) -> p50.put(Integer.toString(gop), r.get("p50_ms")));
            summary.put("cold_snapshot_p50_ms_by_gop", p50);
        }
        summary.put("load_average_end", loadAverage());
        summary.put("cpu_pressure_end", cpuPressure());
        summary.put("targets", targets(summary));
        line(summary);
        return summary;
    }

    private Map<String, Object> baseline(SimulatorProcess sim) throws IOException {
        int n = config.baselineStreams();
        progress("grabber baseline: %d FFmpegFrameGrabbers decoding every frame (child JVM)", n);
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            urls.add(sim.url(i));
        }
        ProcessCpu.Window simCpu = ProcessCpu.of(sim.pid()).start();
        Map<String, Object> r = GrabberBaseline.run(urls, Duration.ofSeconds(config.warmupSeconds()),
                Duration.ofSeconds(config.durationSeconds()));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("phase", "baseline_grabber");
        line.putAll(r);
        line.put("simulator_cores_whole_phase", round(simCpu.stop().cores(), 3));
        line(line);
        return r;
    }

    /** RTP packets per second of one camera playing {@code clip} (the simulator's packetizer settings). */
    private double packetsPerSecond(ClipSpec clip) throws IOException {
        TestClip c = ClipGenerator.generate(clip, config.clipCache());
        Packetizer packetizer = Packetizers.forCodec(c.codec(), 96, 0);
        long packets = c.accessUnits().stream().mapToLong(au -> packetizer.packetize(au, au.rtpTimestamp()).size()).sum();
        return packets / (c.accessUnits().size() / (double) c.fps());
    }

    private void held(SimulatorProcess sim, Map<String, Object> summary, double fullRate) throws Exception {
        StreamDrops drops = new StreamDrops();
        ProcessCpu selfCpu = ProcessCpu.self();
        ProcessCpu simCpu = ProcessCpu.of(sim.pid());
        List<Map<String, Object>> levels = new ArrayList<>();
        try (IngestEventLoop loop = IngestEventLoop.create("carewatch-ingest", config.eventLoopThreads());
             StreamHolder holder = new StreamHolder(loop, drops)) {
            long heapBefore = usedHeapAfterGc();
            long rssBefore = ProcessStatus.self().rssBytes();
            List<CameraStream> streams = new ArrayList<>();
            for (int n : config.streams()) {
                progress("holding %d streams", n);
                for (int i = streams.size() + 1; i <= n; i++) {
                    streams.add(holder.hold(i, sim.url(i), RtspClientOptions.defaults()));
                }
                long rampStart = System.nanoTime();
                awaitAllStreaming(streams, Duration.ofSeconds(60 + n / 10));
                double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
                Thread.sleep(config.warmupSeconds() * 1000L);

                long dropsBefore = drops.count.get();
                long packetsBefore = packets(streams);
                ProcessCpu.Window self = selfCpu.start();
                ProcessCpu.Window simulator = simCpu.start();
                HeapChurn.Window churn = HeapChurn.start();
                Thread.sleep(config.durationSeconds() * 1000L);
                HeapChurn.Usage churned = churn.stop();
                ProcessCpu.Usage used = self.stop();
                ProcessCpu.Usage simUsed = simulator.stop();
                long packets = packets(streams) - packetsBefore;

                long heap = usedHeapAfterGc();
                ProcessStatus status = ProcessStatus.self();
                Map<String, Object> level = new LinkedHashMap<>();
                level.put("phase", "held_streams");
                level.put("streams", n);
                level.put("streaming", count(streams, StreamState.STREAMING));
                level.put("with_keyframe", streams.stream().filter(s -> s.latestKeyframe().isPresent()).count());
                level.put("stream_drops_in_window", drops.count.get() - dropsBefore);
                level.put("ramp_s", round(rampSeconds, 2));
                level.put("window_s", round(used.wallNanos() / 1e9, 2));
                level.put("cores_used", round(used.cores(), 4));
                level.put("cpu_per_stream", round(used.cores() / n, 6));
                double rate = packets / (used.wallNanos() / 1e9) / n;
                level.put("rtp_packets_per_stream_per_s", round(rate, 1));
                // The simulator skips frames when it is starved of CPU (a loaded host): the CPU per stream is
                // also given scaled to the clip's full packet rate, and the targets are checked on that.
                level.put("delivered_fraction", round(rate / fullRate, 3));
                level.put("cpu_per_stream_full_rate", round(used.cores() / n * Math.max(1.0, fullRate / rate), 6));
                level.put("alloc_bytes_per_s", Math.round(churned.bytesPerSecond()));
                level.put("alloc_bytes_per_packet", packets == 0 ? 0 : churned.allocatedBytes() / packets);
                level.put("gc_count_in_window", churned.gcCount());
                level.put("gc_ms_in_window", churned.gcMillis());
                level.put("heap_used_bytes", heap);
                level.put("heap_per_stream_bytes", (heap - heapBefore) / n);
                level.put("heap_committed_bytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted());
                level.put("netty_direct_bytes", nettyDirectBytes());
                level.put("rss_bytes", status.rssBytes());
                level.put("rss_per_stream_bytes", (status.rssBytes() - rssBefore) / n);
                level.put("threads", status.threads());
                level.put("open_files", status.openFiles());
                level.put("max_open_files", status.maxOpenFiles());
                level.put("open_sockets", loop.channels().size());
                level.put("simulator_cores_used", round(simUsed.cores(), 4));
                level.put("load_average", loadAverage());
                level.put("cpu_pressure", cpuPressure());
                if (!levels.isEmpty()) {
                    // Cost of the streams added since the previous count: fixed costs of the JVM cancel out.
                    Map<String, Object> prev = levels.get(levels.size() - 1);
                    int added = n - (int) prev.get("streams");
                    level.put("marginal_cpu_per_stream",
                            round((used.cores() - (double) prev.get("cores_used")) / added, 6));
                    level.put("marginal_heap_per_stream_bytes", (heap - (long) prev.get("heap_used_bytes")) / added);
                    level.put("marginal_rss_per_stream_bytes", (status.rssBytes() - (long) prev.get("rss_bytes")) / added);
                }
                line(level);
                levels.add(level);
            }
            Map<String, Object> top = levels.get(levels.size() - 1);
            for (String k : List.of("streams", "streaming", "cores_used", "cpu_per_stream", "delivered_fraction",
                    "cpu_per_stream_full_rate", "alloc_bytes_per_s", "alloc_bytes_per_packet", "heap_per_stream_bytes",
                    "rss_per_stream_bytes", "marginal_cpu_per_stream", "marginal_heap_per_stream_bytes", "threads", "open_files", "max_open_files")) {
                summary.put(k, top.get(k));
            }
            summary.put("event_loop_threads", config.eventLoopThreads());
            summary.put("threads_by_name", threadsByName());
            if (summary.get("baseline_cpu_per_stream") instanceof Number b) {
                summary.put("cpu_ratio_baseline_over_held", round(b.doubleValue() / (double) top.get("cpu_per_stream"), 1));
                summary.put("cpu_ratio_baseline_over_held_full_rate",
                        round(b.doubleValue() / (double) top.get("cpu_per_stream_full_rate"), 1));
            }
            summary.put("levels", levels);

            if (config.snapshots() > 0) {
                Latencies snaps = heldSnapshots(streams);
                line(Map.of("phase", "snapshot_held", "latency", snaps.summary()));
                summary.put("snapshot_requests", snaps.count());
                summary.put("snapshot_p50_ms", snaps.percentileMs(50));
                summary.put("snapshot_p99_ms", snaps.percentileMs(99));
                MaskedSnapshots m = maskedSnapshots(streams);
                line(Map.of("phase", "snapshot_masked", "latency", m.summary()));
                summary.put("masked_snapshot_p50_ms", m.masked.percentileMs(50));
                summary.put("masked_snapshot_p99_ms", m.masked.percentileMs(99));
                summary.put("masked_snapshot_two_pass_p50_ms", m.maskedTwoPass.percentileMs(50));
                summary.put("masked_snapshot_two_pass_p99_ms", m.maskedTwoPass.percentileMs(99));
                summary.put("picture_p50_ms", m.picture.percentileMs(50));
                summary.put("picture_via_jpeg_p50_ms", m.pictureViaJpeg.percentileMs(50));
            }
            if (config.ffmpegRuns() > 0) {
                progress("ffmpeg process per snapshot: %d runs on held camera 1", config.ffmpegRuns());
                FfmpegProcessSnapshots ffmpeg = new FfmpegProcessSnapshots(
                        Files.createTempDirectory("carewatch-bench-ffmpeg"));
                FfmpegProcessSnapshots.Result r = ffmpeg.run(sim.url(1), 2, config.ffmpegRuns());
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("phase", "snapshot_ffmpeg_process");
                l.put("executable", ffmpeg.executable());
                l.put("latency", r.latencies().summary());
                l.put("failures", r.failures());
                line(l);
                summary.put("ffmpeg_process_snapshot_p50_ms", r.latencies().percentileMs(50));
                summary.put("ffmpeg_process_snapshot_p99_ms", r.latencies().percentileMs(99));
                if (summary.get("snapshot_p50_ms") instanceof Double p50) {
                    summary.put("snapshot_speedup_p50", round(r.latencies().percentileMs(50) / p50, 1));
                }
            }
            summary.put("streaming_after_snapshots", count(streams, StreamState.STREAMING));
            summary.put("stream_drops_total", drops.count.get());
            progress("releasing %d streams", streams.size());
        }
    }

    /** Sequential requests, spread over the held streams, each timed from request to JPEG bytes. */
    private Latencies heldSnapshots(List<CameraStream> streams) throws Exception {
        progress("%d snapshots from %d held streams", config.snapshots(), streams.size());
        try (SnapshotDecoder decoder = new SnapshotDecoder(SnapshotDecoderConfig.DEFAULT)) {
            for (int i = 0; i < 20; i++) {
                decoder.jpeg(streams.get(i % streams.size()).latestKeyframe().orElseThrow(), OptionalInt.empty())
                        .get(10, TimeUnit.SECONDS);
            }
            Latencies latencies = new Latencies();
            // A stride coprime with the count visits every stream before repeating.
            int stride = coprimeStride(streams.size());
            for (int i = 0; i < config.snapshots(); i++) {
                CameraStream s = streams.get((int) ((long) i * stride % streams.size()));
                long t = System.nanoTime();
                Keyframe k = s.latestKeyframe().orElseThrow(() -> new IllegalStateException("camera " + s.cameraId() + ": no keyframe"));
                byte[] jpeg = decoder.jpeg(k, OptionalInt.empty()).get(10, TimeUnit.SECONDS);
                latencies.add(System.nanoTime() - t);
                if (jpeg.length < 100) {
                    throw new IllegalStateException("empty JPEG from camera " + s.cameraId());
                }
            }
            return latencies;
        }
    }

    /** The masked variants (see {@link MaskedSnapshots}), as many rounds as snapshots, after 20 untimed. */
    private MaskedSnapshots maskedSnapshots(List<CameraStream> streams) throws Exception {
        progress("%d rounds of masked snapshots and pictures, new and old way", config.snapshots());
        try (SnapshotDecoder decoder = new SnapshotDecoder(SnapshotDecoderConfig.DEFAULT)) {
            MaskedSnapshots warmUp = new MaskedSnapshots(decoder);
            for (int i = 0; i < 20; i++) {
                warmUp.round(streams.get(i % streams.size()).latestKeyframe().orElseThrow(), i);
            }
            MaskedSnapshots m = new MaskedSnapshots(decoder);
            int stride = coprimeStride(streams.size());
            for (int i = 0; i < config.snapshots(); i++) {
                CameraStream s = streams.get((int) ((long) i * stride % streams.size()));
                m.round(s.latestKeyframe().orElseThrow(() -> new IllegalStateException("camera " + s.cameraId() + ": no keyframe")), i);
            }
            return m;
        }
    }

    private static int coprimeStride(int n) {
        int stride = Math.max(1, (int) (n * 0.618));
        while (gcd(stride, n) != 1) {
            stride++;
        }
        return stride;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static void awaitAllStreaming(List<CameraStream> streams, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long notReady = streams.stream()
                    .filter(s -> s.state() != StreamState.STREAMING || s.latestKeyframe().isEmpty()).count();
            if (notReady == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                Map<StreamState, Long> states = new TreeMap<>();
                streams.forEach(s -> states.merge(s.state(), 1L, Long::sum));
                throw new IllegalStateException(notReady + " of " + streams.size()
                        + " streams not streaming with a keyframe after " + timeout.toSeconds() + " s: " + states);
            }
            Thread.sleep(100);
        }
    }

    private static long count(List<CameraStream> streams, StreamState state) {
        return streams.stream().filter(s -> s.state() == state).count();
    }

    private static long packets(List<CameraStream> streams) {
        return streams.stream().mapToLong(s -> s.facts().map(StreamFactsSnapshot::packets).orElse(0L)).sum();
    }

    /**
     * Live heap: the least used heap seen right after each of three full collections (a collection can land
     * while the event loops hold packets in flight, which only ever adds).
     */
    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
            Thread.sleep(200);
        }
        return least;
    }

    /** Direct memory held by Netty's default allocator (socket read buffers); -1 if it does not say. */
    private static long nettyDirectBytes() {
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p ? p.metric().usedDirectMemory() : -1;
    }

    /** Live threads grouped by name with trailing numbers removed (one shared event loop group shows once). */
    private static Map<String, Integer> threadsByName() {
        Map<String, Integer> m = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            m.merge(t.getName().replaceAll("[-#]?\\d+(-\\d+)*$", ""), 1, Integer::sum);
        }
        return m;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("cpu_model", cpuModel());
        m.put("java", System.getProperty("java.version"));
        m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        m.put("load_average_start", loadAverage());
        m.put("cpu_pressure_start", cpuPressure());
        return m;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Linux pressure stall information: the share of time (avg10, avg60) some runnable task waited for a
     * CPU. Shows how contended the shared host was while a figure was taken.
     */
    private static String cpuPressure() {
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).get(0);
            return some.replaceAll(".*avg10=([0-9.]+) avg60=([0-9.]+).*", "avg10=$1% avg60=$2%");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private Map<String, Object> targets(Map<String, Object> s) {
        Map<String, Object> t = new LinkedHashMap<>();
        if (s.get("cpu_per_stream_full_rate") instanceof Double perStream && s.get("streams") instanceof Integer n) {
            t.put("streams_1000_within_one_core", n >= 1000 && perStream * n <= 1.0);
        }
        if (s.get("cpu_ratio_baseline_over_held_full_rate") instanceof Double ratio) {
            t.put("cpu_20x_below_baseline", ratio >= 20);
        }
        if (s.get("snapshot_p50_ms") instanceof Double p50 && s.get("snapshot_p99_ms") instanceof Double p99) {
            t.put("snapshot_p50_le_15ms", p50 <= 15);
            t.put("snapshot_p99_le_60ms", p99 <= 60);
        }
        if (s.get("snapshot_speedup_p50") instanceof Double speedup) {
            t.put("snapshot_10x_faster_than_ffmpeg_process", speedup >= 10);
        }
        return t;
    }

    private void line(Map<String, ?> m) throws JsonProcessingException {
        out.println(JSON.writeValueAsString(m));
        out.flush();
    }

    private static void progress(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }

    private static double round(double v, int digits) {
        return GrabberBaseline.round(v, digits);
    }

    /** Counts health changes away from STREAMING (a dropped or stalled stream). */
    private static final class StreamDrops implements StreamHealthListener {
        final AtomicLong count = new AtomicLong();

        @Override
        public void onStreamEvent(org.carewatch.ingest.health.StreamHealthEvent event) {
            if (event.previous() == StreamState.STREAMING) {
                count.incrementAndGet();
            }
        }
    }
}
