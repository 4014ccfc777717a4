package org.carewatch.tools.bench.rtsp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link RtspBench} runs.
 *
 * @param streams           held-stream counts, ascending; the same streams are kept while more are added
 * @param snapshots         snapshot requests from held streams (at the largest count); as many rounds of the
 *                          masked variants ({@link MaskedSnapshots}) follow
 * @param baselineStreams   cameras decoded by the grabber baseline (0 = skip)
 * @param warmupSeconds     before each CPU window
 * @param durationSeconds   length of each CPU window
 * @param ffmpegRuns        timed {@code ffmpeg} process snapshots (0 = skip)
 * @param gops              GOP lengths (frames) of the cold-snapshot sweep (empty = skip)
 * @param coldRuns          cold snapshots per GOP
 * @param eventLoopThreads  threads of the shared ingest event loop group
 * @param clipCache         where simulator clips are cached
 */
public record RtspBenchConfig(List<Integer> streams, int snapshots, int baselineStreams, int warmupSeconds,
                              int durationSeconds, int ffmpegRuns, List<Integer> gops, int coldRuns,
                              int eventLoopThreads, Path clipCache) {

    public static final String USAGE = "RtspBench [--streams 100,500,1000] [--snapshots 1000] [--baseline-streams 6]"
            + " [--warmup 5] [--duration 20] [--ffmpeg-runs 40] [--gops 10,25,50,100] [--cold-runs 10]"
            + " [--event-loop-threads N] [--clip-cache DIR]";

    public RtspBenchConfig {
        streams = List.copyOf(streams);
        gops = List.copyOf(gops);
        if (streams.isEmpty() || streams.stream().anyMatch(n -> n < 1 || n > 20_000)) {
            throw new IllegalArgumentException("--streams: counts 1..20000");
        }
        for (int i = 1; i < streams.size(); i++) {
            if (streams.get(i) <= streams.get(i - 1)) {
                throw new IllegalArgumentException("--streams: ascending counts");
            }
        }
        if (snapshots < 0 || baselineStreams < 0 || ffmpegRuns < 0 || coldRuns < 1) {
            throw new IllegalArgumentException("negative count");
        }
        if (warmupSeconds < 0 || durationSeconds < 1) {
            throw new IllegalArgumentException("--duration at least 1 s");
        }
        if (gops.stream().anyMatch(g -> g < 1 || g > 600)) {
            throw new IllegalArgumentException("--gops: 1..600 frames");
        }
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("--event-loop-threads at least 1");
        }
    }

    public static RtspBenchConfig defaults() {
        return new RtspBenchConfig(List.of(100, 500, 1000), 1000, 6, 5, 20, 40, List.of(10, 25, 50, 100), 10,
                Runtime.getRuntime().availableProcessors(),
                Path.of(System.getProperty("java.io.tmpdir"), "carewatch-clips"));
    }

    public static RtspBenchConfig parse(String[] args) {
        Map<String, String> o = BenchArgs.parse(args, USAGE);
        RtspBenchConfig d = defaults();
        return new RtspBenchConfig(
                o.containsKey("streams") ? BenchArgs.ints(o.get("streams")) : d.streams(),
                Integer.parseInt(o.getOrDefault("snapshots", "" + d.snapshots())),
                Integer.parseInt(o.getOrDefault("baseline-streams", "" + d.baselineStreams())),
                Integer.parseInt(o.getOrDefault("warmup", "" + d.warmupSeconds())),
                Integer.parseInt(o.getOrDefault("duration", "" + d.durationSeconds())),
                Integer.parseInt(o.getOrDefault("ffmpeg-runs", "" + d.ffmpegRuns())),
                o.containsKey("gops") ? BenchArgs.ints(o.get("gops")) : d.gops(),
                Integer.parseInt(o.getOrDefault("cold-runs", "" + d.coldRuns())),
                Integer.parseInt(o.getOrDefault("event-loop-threads", "" + d.eventLoopThreads())),
                o.containsKey("clip-cache") ? Path.of(o.get("clip-cache")) : d.clipCache());
    }

    public int maxStreams() {
        return streams.get(streams.size() - 1);
    }
}
