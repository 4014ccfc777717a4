package org.carewatch.tools.bench.rtsp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.carewatch.tools.clip.ClipSpec;
import org.carewatch.ingest.media.Codec;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;

/**
 * The camera simulator in its own JVM, so its CPU is not charged to the process under test. {@link #main}
 * is the child: it serves {@code --cameras N} cameras looping one clip and prints
 * {@code SIMULATOR READY port=P} (the clip is generated or loaded from the cache first).
 */
public final class SimulatorProcess implements AutoCloseable {

    private static final String READY = "SIMULATOR READY port=";

    private final ChildJvm child;
    private final int port;

    private SimulatorProcess(ChildJvm child, int port) {
        this.child = child;
        this.port = port;
    }

    /** Starts a child simulator and waits until it serves (clip generation can take a while). */
    public static SimulatorProcess launch(int cameras, ClipSpec clip, Path clipCache) throws IOException {
        ChildJvm child = ChildJvm.start("simulator-gop" + clip.gop(), SimulatorProcess.class, List.of(
                "--cameras", Integer.toString(cameras), "--codec", clip.codec().name(),
                "--width", Integer.toString(clip.width()), "--height", Integer.toString(clip.height()),
                "--fps", Integer.toString(clip.fps()), "--gop", Integer.toString(clip.gop()),
                "--duration", Integer.toString(clip.durationSeconds()), "--cache", clipCache.toString()));
        try {
            String line = child.awaitLine(l -> l.startsWith(READY), Duration.ofMinutes(5));
            return new SimulatorProcess(child, Integer.parseInt(line.substring(READY.length()).trim()));
        } catch (IOException | RuntimeException e) {
            child.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return child.pid();
    }

    /** Camera {@code n} (1-based). */
    public String url(int n) {
        return "rtsp://127.0.0.1:" + port + "/cam/" + n;
    }

    @Override
    public void close() {
        child.close();
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        Map<String, String> o = BenchArgs.parse(args, "SimulatorProcess --cameras N [--codec H264] [--width 640]"
                + " [--height 360] [--fps 25] [--gop 25] [--duration 10] [--cache DIR] [--port 0]");
        ClipSpec clip = new ClipSpec(Codec.valueOf(o.getOrDefault("codec", "H264").toUpperCase(Locale.ROOT)),
                Integer.parseInt(o.getOrDefault("width", "640")), Integer.parseInt(o.getOrDefault("height", "360")),
                Integer.parseInt(o.getOrDefault("fps", "25")), Integer.parseInt(o.getOrDefault("gop", "25")),
                Integer.parseInt(o.getOrDefault("duration", "10")));
        SimulatorOptions options = SimulatorOptions.defaults(Integer.parseInt(o.getOrDefault("cameras", "1")))
                .withClip(clip)
                .withPort(Integer.parseInt(o.getOrDefault("port", "0")));
        if (o.containsKey("cache")) {
            options = options.withClipCacheDir(Path.of(o.get("cache")));
        }
        try (CameraSimulator simulator = CameraSimulator.start(options)) {
            System.out.println(READY + simulator.port());
            System.out.flush();
            ChildJvm.awaitStdinClosed();
        }
        System.exit(0);
    }
}
