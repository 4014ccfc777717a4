package org.carewatch.tools.bench.rtsp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.carewatch.tools.clip.ClipSpec;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.rtsp.RtspTransport;
import org.carewatch.ingest.stream.RtspSnapshotter;

/**
 * Cold snapshots (camera not held): {@link RtspSnapshotter} connects, waits for the first keyframe, tears
 * down and decodes. The wait for a keyframe dominates, so the time is measured per GOP length, each GOP
 * served by its own child simulator. Each run uses a different camera (cameras start at random frames, so
 * the keyframe wait is spread over one GOP).
 */
public final class ColdSnapshotSweep {

    private final Path clipCache;
    private final int width;
    private final int height;
    private final int fps;

    public ColdSnapshotSweep(Path clipCache, int width, int height, int fps) {
        this.clipCache = clipCache;
        this.width = width;
        this.height = height;
        this.fps = fps;
    }

    /** Per GOP length: its latency summary plus the GOP in seconds. */
    public Map<Integer, Map<String, Object>> run(List<Integer> gops, int runs) throws Exception {
        Map<Integer, Map<String, Object>> out = new LinkedHashMap<>();
        try (RtspSnapshotter snapshotter = RtspSnapshotter.create()) {
            for (int gop : gops) {
                out.put(gop, one(snapshotter, gop, runs));
            }
        }
        return out;
    }

    private Map<String, Object> one(RtspSnapshotter snapshotter, int gop, int runs) throws Exception {
        int seconds = clipSeconds(gop);
        ClipSpec clip = new ClipSpec(Codec.H264, width, height, fps, gop, seconds);
        try (SimulatorProcess sim = SimulatorProcess.launch(runs + 1, clip, clipCache)) {
            snapshot(snapshotter, sim.url(runs + 1)); // warm-up: connection setup paths and decoder
            Latencies latencies = new Latencies();
            int failures = 0;
            for (int camera = 1; camera <= runs; camera++) {
                long t = System.nanoTime();
                try {
                    snapshot(snapshotter, sim.url(camera));
                    latencies.add(System.nanoTime() - t);
                } catch (Exception e) {
                    failures++;
                    System.err.println("cold snapshot gop " + gop + " camera " + camera + ": " + e);
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("gop_frames", gop);
            m.put("gop_s", GrabberBaseline.round((double) gop / fps, 2));
            m.putAll(latencies.summary());
            m.put("failures", failures);
            return m;
        }
    }

    /**
     * At least 8 s and two GOPs, and a whole number of GOPs, so the keyframe interval stays regular where the
     * clip loops.
     */
    int clipSeconds(int gop) {
        int s = Math.max(8, (int) Math.ceil(2.0 * gop / fps));
        while ((fps * s) % gop != 0 && s < 600) {
            s++;
        }
        return Math.min(s, 600);
    }

    private static byte[] snapshot(RtspSnapshotter snapshotter, String url) throws Exception {
        byte[] jpeg = snapshotter.snapshot(url, RtspTransport.TCP, Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS);
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            throw new IOException("not a JPEG");
        }
        return jpeg;
    }
}
