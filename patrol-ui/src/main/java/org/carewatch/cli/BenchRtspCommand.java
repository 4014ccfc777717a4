package org.carewatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.carewatch.tools.bench.rtsp.RtspBench;
import org.carewatch.tools.bench.rtsp.RtspBenchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code carewatch bench rtsp}: the RTSP ingest benchmark of issue 4 against the camera simulator (held
 * streams CPU and memory versus a JavaCV grabber baseline, snapshot latency versus an ffmpeg process,
 * cold snapshots per GOP). Prints JSON lines; the last one is the summary.
 */
@Command(name = "rtsp", mixinStandardHelpOptions = true,
        description = "Benchmark RTSP ingest against the camera simulator; the last line printed is the JSON summary.")
public final class BenchRtspCommand implements Callable<Integer> {

    private final RtspBenchConfig d = RtspBenchConfig.defaults();

    @Option(names = "--streams", split = ",", description = "Held-stream counts, ascending (default: 100,500,1000).")
    List<Integer> streams = d.streams();

    @Option(names = "--snapshots", description = "Snapshot requests from held streams (default: ${DEFAULT-VALUE}).")
    int snapshots = d.snapshots();

    @Option(names = "--baseline-streams", description = "Cameras for the FFmpegFrameGrabber baseline, 0 to skip (default: ${DEFAULT-VALUE}).")
    int baselineStreams = d.baselineStreams();

    @Option(names = "--warmup", description = "Seconds of warm-up before each CPU window (default: ${DEFAULT-VALUE}).")
    int warmup = d.warmupSeconds();

    @Option(names = "--duration", description = "Seconds of each CPU window (default: ${DEFAULT-VALUE}).")
    int duration = d.durationSeconds();

    @Option(names = "--ffmpeg-runs", description = "Snapshots by an ffmpeg process each, 0 to skip (default: ${DEFAULT-VALUE}).")
    int ffmpegRuns = d.ffmpegRuns();

    @Option(names = "--gops", split = ",", description = "GOP lengths in frames for cold snapshots (default: 10,25,50,100).")
    List<Integer> gops = d.gops();

    @Option(names = "--cold-runs", description = "Cold snapshots per GOP (default: ${DEFAULT-VALUE}).")
    int coldRuns = d.coldRuns();

    @Option(names = "--event-loop-threads", description = "Threads of the shared ingest event loop group (default: cores).")
    int eventLoopThreads = d.eventLoopThreads();

    @Option(names = "--clip-cache", description = "Where simulator clips are cached (default: ${DEFAULT-VALUE}).")
    Path clipCache = d.clipCache();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RtspBenchConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            new RtspBench(config, System.out).run();
            return 0;
        } catch (IOException | IllegalStateException e) {
            spec.commandLine().getErr().println("bench rtsp failed: " + e.getMessage());
            return 1;
        }
    }

    /** The options as a benchmark configuration; bad values throw {@link IllegalArgumentException}. */
    RtspBenchConfig config() {
        return new RtspBenchConfig(streams, snapshots, baselineStreams, warmup, duration, ffmpegRuns, gops, coldRuns,
                eventLoopThreads, clipCache);
    }
}
