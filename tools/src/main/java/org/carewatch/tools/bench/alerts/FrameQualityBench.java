package org.carewatch.tools.bench.alerts;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.carewatch.alerts.camera.FrameQuality;
import org.carewatch.alerts.camera.FrameQualityResult;
import org.carewatch.alerts.camera.FrameThresholds;
import org.carewatch.alerts.camera.Thumbnail;

/**
 * Time per frame of the frame-quality checks on 640x360 frames (as sampled frames are scaled for the
 * checks), each compared with the previous sample. Args: [frames] (default 2000). Last line is JSON.
 */
public final class FrameQualityBench {
    private FrameQualityBench() {
    }

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        BufferedImage[] pool = new BufferedImage[8];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = frame(i, i % 2 == 0 ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_INT_RGB);
        }
        FrameQuality q = new FrameQuality(FrameThresholds.DEFAULT);
        Thumbnail prev = null;
        for (int i = 0; i < 300; i++) { // warm-up (JIT)
            prev = q.check(pool[i % pool.length], prev).thumbnail();
        }
        double[] ms = new double[frames];
        int flagged = 0;
        for (int i = 0; i < frames; i++) {
            long t0 = System.nanoTime();
            FrameQualityResult r = q.check(pool[i % pool.length], prev);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            prev = r.thumbnail();
            flagged += r.ok() ? 0 : 1;
        }
        Percentiles p = new Percentiles(ms);
        System.out.printf("frame quality: %d frames 640x360, p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d flagged)%n",
                frames, p.p(50), p.p(99), p.max(), flagged);
        System.out.printf("{\"bench\":\"alerts-frame-quality\",\"width\":640,\"height\":360,\"frames\":%d,\"msPerFrameMean\":%s,"
                        + "\"msPerFrameP50\":%s,\"msPerFrameP99\":%s,\"msPerFrameMax\":%s,\"budgetMs\":20}%n",
                frames, Percentiles.round(p.mean()), Percentiles.round(p.p(50)), Percentiles.round(p.p(99)), Percentiles.round(p.max()));
    }

    /** A lit room: shapes, edges and sensor noise. */
    static BufferedImage frame(long seed, int type) {
        BufferedImage img = new BufferedImage(640, 360, type);
        Graphics2D g = img.createGraphics();
        Random r = new Random(seed);
        g.setColor(new Color(150, 140, 130));
        g.fillRect(0, 0, 640, 360);
        for (int i = 0; i < 80; i++) {
            g.setColor(new Color(30 + r.nextInt(210), 30 + r.nextInt(210), 30 + r.nextInt(210)));
            g.fillRect(r.nextInt(640), r.nextInt(360), 8 + r.nextInt(140), 8 + r.nextInt(90));
        }
        g.dispose();
        for (int y = 0; y < 360; y++) {
            for (int x = 0; x < 640; x++) {
                int p = img.getRGB(x, y);
                int n = r.nextInt(7) - 3;
                int cr = Math.max(0, Math.min(255, ((p >> 16) & 0xff) + n));
                int cg = Math.max(0, Math.min(255, ((p >> 8) & 0xff) + n));
                int cb = Math.max(0, Math.min(255, (p & 0xff) + n));
                img.setRGB(x, y, (cr << 16) | (cg << 8) | cb);
            }
        }
        return img;
    }
}
