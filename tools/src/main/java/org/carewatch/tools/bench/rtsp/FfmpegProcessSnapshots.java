package org.carewatch.tools.bench.rtsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * The snapshot baseline: one {@code ffmpeg} process per snapshot
 * ({@code ffmpeg -rtsp_transport tcp -i URL -frames:v 1 -f image2 out.jpg}), timed from process start to
 * exit with a non-empty JPEG. Uses the {@code ffmpeg} executable shipped in the bytedeco FFmpeg artifact.
 */
public final class FfmpegProcessSnapshots {

    private final String ffmpeg;
    private final Path dir;

    public FfmpegProcessSnapshots(Path dir) {
        this.ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        this.dir = dir;
    }

    public String executable() {
        return ffmpeg;
    }

    /** {@code runs} timed snapshots of {@code url} after {@code warmup} untimed ones; failures are counted. */
    public Result run(String url, int warmup, int runs) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path out = dir.resolve("ffmpeg-snapshot.jpg");
        for (int i = 0; i < warmup; i++) {
            once(url, out);
        }
        Latencies latencies = new Latencies();
        int failures = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            if (once(url, out)) {
                latencies.add(System.nanoTime() - t);
            } else {
                failures++;
            }
        }
        Files.deleteIfExists(out);
        return new Result(latencies, failures);
    }

    public record Result(Latencies latencies, int failures) {
    }

    private boolean once(String url, Path out) throws IOException, InterruptedException {
        Files.deleteIfExists(out);
        Process p = new ProcessBuilder(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-rtsp_transport", "tcp",
                "-i", url, "-frames:v", "1", "-f", "image2", "-y", out.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return false;
        }
        return p.exitValue() == 0 && Files.exists(out) && Files.size(out) > 0;
    }
}
