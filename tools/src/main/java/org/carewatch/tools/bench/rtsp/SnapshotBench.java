package org.carewatch.tools.bench.rtsp;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.carewatch.tools.clip.ClipGenerator;
import org.carewatch.tools.clip.ClipSpec;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.snapshot.JpegEncoding;
import org.carewatch.ingest.snapshot.SnapshotDecoder;
import org.carewatch.ingest.snapshot.SnapshotDecoderConfig;

/**
 * Snapshot latency: decodes one cached keyframe of a generated clip N times through
 * {@link SnapshotDecoder} (pool hand-off, FFmpeg decode, colour conversion/scaling, JPEG encode) and
 * prints one JSON line per variant, then a headline JSON line. Usage:
 * {@code SnapshotBench [--n 300] [--codec h264|h265|both] [--width 640] [--height 360] [--cache DIR]}.
 * H.265 needs an FFmpeg build with libx265 to generate its clip (skipped with a note otherwise).
 */
public final class SnapshotBench {

    private SnapshotBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        int n = Integer.parseInt(opts.getOrDefault("n", "300"));
        int width = Integer.parseInt(opts.getOrDefault("width", "640"));
        int height = Integer.parseInt(opts.getOrDefault("height", "360"));
        Path cache = Path.of(opts.getOrDefault("cache", "target/bench-clips"));
        String which = opts.getOrDefault("codec", "both").toLowerCase(Locale.ROOT);
        List<Codec> codecs = which.equals("both") ? List.of(Codec.values())
                : List.of(Codec.valueOf(which.toUpperCase(Locale.ROOT)));

        Map<String, Object> headline = new LinkedHashMap<>();
        headline.put("bench", "snapshot");
        headline.put("n", n);
        headline.put("size", width + "x" + height);
        headline.put("cpus", Runtime.getRuntime().availableProcessors());
        for (Codec codec : codecs) {
            if (!ClipGenerator.canEncode(codec)) {
                System.out.println(json(Map.of("bench", "snapshot", "codec", codec.name(),
                        "skipped", "no " + codec + " encoder in this FFmpeg build to generate the clip")));
                continue;
            }
            TestClip clip = ClipGenerator.generate(new ClipSpec(codec, width, height, 25, 25, 2), cache);
            AccessUnit key = clip.accessUnits().get(0);
            Keyframe kf = new Keyframe(key, clip.parameterSets(), Instant.now());
            for (JpegEncoding enc : JpegEncoding.values()) {
                for (boolean reuse : new boolean[] {true, false}) {
                    for (OptionalInt maxWidth : List.of(OptionalInt.empty(), OptionalInt.of(width / 2))) {
                        Result r = run(kf, n, enc, reuse, maxWidth);
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("bench", "snapshot");
                        line.put("codec", codec.name());
                        line.put("keyframe_bytes", key.byteSize());
                        line.put("encoding", enc.name());
                        line.put("reuse_contexts", reuse);
                        line.put("max_width", maxWidth.isPresent() ? maxWidth.getAsInt() : null);
                        line.put("n", n);
                        line.put("p50_ms", r.p50);
                        line.put("p99_ms", r.p99);
                        line.put("mean_ms", r.mean);
                        line.put("jpeg_bytes", r.jpegBytes);
                        // Process RSS (Java heap included) after this variant: flat across variants
                        // when FFmpeg objects are freed; a leak would add megabytes per variant.
                        line.put("rss_mb", org.bytedeco.javacpp.Pointer.physicalBytes() / (1024 * 1024));
                        System.out.println(json(line));
                        if (enc == JpegEncoding.FFMPEG_MJPEG && reuse && maxWidth.isEmpty()) {
                            String c = codec.name().toLowerCase(Locale.ROOT);
                            headline.put(c + "_p50_ms", r.p50);
                            headline.put(c + "_p99_ms", r.p99);
                        }
                    }
                }
            }
        }
        headline.put("budget_p50_ms", 15);
        headline.put("load_average", Math.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage() * 100) / 100.0);
        System.out.println(json(headline));
    }

    private record Result(double p50, double p99, double mean, int jpegBytes) {
    }

    private static Result run(Keyframe kf, int n, JpegEncoding enc, boolean reuse, OptionalInt maxWidth)
            throws Exception {
        try (SnapshotDecoder decoder = new SnapshotDecoder(new SnapshotDecoderConfig(1, 4, 85, enc, reuse))) {
            int jpegBytes = 0;
            for (int i = 0; i < Math.max(20, n / 10); i++) {
                jpegBytes = decoder.jpeg(kf, maxWidth).get(30, TimeUnit.SECONDS).length;
            }
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                decoder.jpeg(kf, maxWidth).get(30, TimeUnit.SECONDS);
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
            return new Result(ms(nanos[(int) Math.floor(0.50 * (n - 1))]), ms(nanos[(int) Math.floor(0.99 * (n - 1))]),
                    Math.round(mean * 100) / 100.0, jpegBytes);
        }
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: SnapshotBench [--n N] [--codec h264|h265|both]"
                        + " [--width W] [--height H] [--cache DIR]");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    private static String json(Map<String, ?> map) {
        List<String> parts = new ArrayList<>();
        map.forEach((k, v) -> parts.add("\"" + k + "\":" + (v == null ? "null"
                : v instanceof Number || v instanceof Boolean ? v.toString()
                : "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")));
        return "{" + String.join(",", parts) + "}";
    }
}
