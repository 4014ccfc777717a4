package org.carewatch.tools.bench.rtsp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * The baseline CareWatch is compared with: one JavaCV {@link FFmpegFrameGrabber} per camera, each on its own
 * thread calling {@code grabImage()} in a loop (every frame decoded and converted to BGR, the usual JavaCV
 * pattern), over RTSP/TCP. Runs in its own JVM ({@link #main}) so its CPU is metered alone: after a warm-up
 * the child measures its own CPU and the frames decoded over a window and prints one
 * {@code BASELINE {json}} line.
 */
public final class GrabberBaseline {

    private static final String RESULT = "BASELINE ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GrabberBaseline() {
    }

    /** Runs the baseline in a child JVM against {@code urls} and returns its result. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> run(List<String> urls, Duration warmup, Duration window) throws IOException {
        try (ChildJvm child = ChildJvm.start("grabber-baseline", GrabberBaseline.class, List.of(
                "--urls", String.join(",", urls), "--warmup", Long.toString(warmup.toSeconds()),
                "--duration", Long.toString(window.toSeconds())))) {
            String line = child.awaitLine(l -> l.startsWith(RESULT), warmup.plus(window).plusSeconds(60));
            return JSON.readValue(line.substring(RESULT.length()), LinkedHashMap.class);
        }
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        Map<String, String> o = BenchArgs.parse(args, "GrabberBaseline --urls U1,U2 [--warmup 5] [--duration 20]");
        List<String> urls = List.of(o.get("urls").split(","));
        long warmup = Long.parseLong(o.getOrDefault("warmup", "5"));
        long duration = Long.parseLong(o.getOrDefault("duration", "20"));
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong frames = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        CountDownLatch started = new CountDownLatch(urls.size());
        List<Thread> threads = new ArrayList<>();
        long startNanos = System.nanoTime();
        for (String url : urls) {
            threads.add(Thread.ofPlatform().name("grabber-" + threads.size()).start(() -> {
                try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(url)) {
                    g.setOption("rtsp_transport", "tcp");
                    g.setOption("timeout", "5000000");
                    try {
                        g.start(); // opens RTSP and probes the stream (FFmpeg reads ahead before the first frame)
                    } finally {
                        started.countDown();
                    }
                    while (running.get()) {
                        Frame f = g.grabImage();
                        if (f == null) {
                            break;
                        }
                        frames.incrementAndGet();
                    }
                    g.stop();
                } catch (Exception e) {
                    failures.incrementAndGet();
                    System.err.println("grabber " + url + ": " + e);
                }
            }));
        }
        // The window starts once every grabber is past its probing, then after the warm-up.
        started.await(60, TimeUnit.SECONDS);
        double startSeconds = (System.nanoTime() - startNanos) / 1e9;
        Thread.sleep(warmup * 1000);
        ProcessCpu.Window cpu = ProcessCpu.self().start();
        long framesStart = frames.get();
        Thread.sleep(duration * 1000);
        ProcessCpu.Usage used = cpu.stop();
        long decoded = frames.get() - framesStart;
        ProcessStatus status = ProcessStatus.self();
        running.set(false);
        for (Thread t : threads) {
            t.join(10_000);
        }
        double seconds = used.wallNanos() / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("streams", urls.size());
        r.put("failed_streams", failures.get());
        r.put("start_s", round(startSeconds, 2));
        r.put("window_s", Math.round(seconds * 10) / 10.0);
        r.put("cores_used", round(used.cores(), 4));
        r.put("cpu_per_stream", round(used.cores() / urls.size(), 5));
        r.put("decoded_fps_per_stream", round(decoded / seconds / urls.size(), 2));
        r.put("rss_bytes", status.rssBytes());
        r.put("threads", status.threads());
        System.out.println(RESULT + JSON.writeValueAsString(r));
        System.out.flush();
        System.exit(0);
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
