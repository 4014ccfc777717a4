package org.carewatch.alerts.camera;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.EnumSet;

/**
 * Frame-quality checks on a sampled frame, in plain Java over the pixels: mean and deviation of
 * luminance (black, flat, dark, bright), variance of the Laplacian (blur), share of featureless grid cells
 * (covered), difference to the previous sample (frozen) and channel balance (colour cast). A 640x360 frame
 * takes a few milliseconds (see BENCHMARKS.md).
 */
public final class FrameQuality {
    private static final int GRID = 16;

    private final FrameThresholds th;

    public FrameQuality(FrameThresholds th) {
        this.th = th;
    }

    /** With the default thresholds; {@code previousOrNull} is the camera's previous sample. */
    public static FrameQualityResult assess(BufferedImage current, BufferedImage previousOrNull) {
        FrameQuality q = new FrameQuality(FrameThresholds.DEFAULT);
        Thumbnail prev = previousOrNull == null ? null : q.check(previousOrNull, null).thumbnail();
        return q.check(current, prev);
    }

    public FrameQualityResult check(BufferedImage img, Thumbnail previous) {
        int w = img.getWidth();
        int h = img.getHeight();
        if (w < 8 || h < 8) {
            throw new IllegalArgumentException("frame too small to assess: " + w + "x" + h);
        }
        int[] rgb = pixels(img);
        int n = w * h;
        int[] y = new int[n];
        long sr = 0;
        long sg = 0;
        long sb = 0;
        long sy = 0;
        long syy = 0;
        for (int i = 0; i < n; i++) {
            int p = rgb[i];
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            // BT.601 luma in fixed point.
            int l = (77 * r + 150 * g + 29 * b) >> 8;
            y[i] = l;
            sr += r;
            sg += g;
            sb += b;
            sy += l;
            syy += (long) l * l;
        }
        double mean = (double) sy / n;
        double std = Math.sqrt(Math.max(0, (double) syy / n - mean * mean));

        // Laplacian (4-neighbour) variance over the interior.
        double ls = 0;
        double lss = 0;
        int count = 0;
        for (int row = 1; row < h - 1; row++) {
            int base = row * w;
            for (int col = 1; col < w - 1; col++) {
                int i = base + col;
                int lap = y[i - 1] + y[i + 1] + y[i - w] + y[i + w] - 4 * y[i];
                ls += lap;
                lss += (double) lap * lap;
                count++;
            }
        }
        double lapMean = ls / count;
        double lapVar = lss / count - lapMean * lapMean;

        // Featureless cells on a GRID x GRID grid.
        int flat = 0;
        for (int gy = 0; gy < GRID; gy++) {
            int y0 = gy * h / GRID;
            int y1 = (gy + 1) * h / GRID;
            for (int gx = 0; gx < GRID; gx++) {
                int x0 = gx * w / GRID;
                int x1 = (gx + 1) * w / GRID;
                long s = 0;
                long ss = 0;
                int c = 0;
                for (int row = y0; row < y1; row++) {
                    int base = row * w;
                    for (int col = x0; col < x1; col++) {
                        int v = y[base + col];
                        s += v;
                        ss += (long) v * v;
                        c++;
                    }
                }
                double m = (double) s / c;
                if (Math.sqrt(Math.max(0, (double) ss / c - m * m)) < th.blockFlatStd()) {
                    flat++;
                }
            }
        }
        double flatFraction = (double) flat / (GRID * GRID);

        Thumbnail thumb = thumbnail(y, w, h);
        double diff = previous == null ? Double.NaN : thumb.difference(previous);

        double mr = (double) sr / n;
        double mg = (double) sg / n;
        double mb = (double) sb / n;

        EnumSet<FrameFlag> flags = EnumSet.noneOf(FrameFlag.class);
        boolean black = std < th.flatStd() || (mean < th.blackMean() && std < th.flatStd() * 3);
        if (black) {
            flags.add(FrameFlag.BLACK);
        } else {
            if (flatFraction >= th.coveredFraction()) {
                flags.add(FrameFlag.COVERED);
            }
            if (mean < th.darkMean()) {
                flags.add(FrameFlag.DARK);
            } else if (mean > th.brightMean()) {
                flags.add(FrameFlag.BRIGHT);
            }
            if (!flags.contains(FrameFlag.COVERED) && !flags.contains(FrameFlag.DARK) && lapVar < th.blurLaplacianVar()) {
                flags.add(FrameFlag.BLURRED);
            }
            if (!Double.isNaN(diff) && diff < th.frozenDifference()) {
                flags.add(FrameFlag.FROZEN);
            }
            double max = Math.max(mr, Math.max(mg, mb));
            double min = Math.min(mr, Math.min(mg, mb));
            if (mean >= th.darkMean() && max / Math.max(min, 1) > th.colourCastRatio()) {
                flags.add(FrameFlag.COLOUR_CAST);
            }
        }
        return new FrameQualityResult(flags, mean, std, lapVar, flatFraction, diff, mr, mg, mb, thumb);
    }

    private static Thumbnail thumbnail(int[] y, int w, int h) {
        int tw = Thumbnail.WIDTH;
        int th = Thumbnail.HEIGHT;
        float[] out = new float[tw * th];
        int[] cnt = new int[tw * th];
        for (int row = 0; row < h; row++) {
            int ty = Math.min(th - 1, row * th / h);
            int base = row * w;
            for (int col = 0; col < w; col++) {
                int k = ty * tw + Math.min(tw - 1, col * tw / w);
                out[k] += y[base + col];
                cnt[k]++;
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = cnt[i] == 0 ? 0 : out[i] / cnt[i];
        }
        return new Thumbnail(tw, th, out);
    }

    /** Packed 0xRRGGBB pixels, straight from the raster for the common types. */
    private static int[] pixels(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int n = w * h;
        var raster = img.getRaster();
        if (raster.getDataBuffer() instanceof DataBufferInt dbi && (img.getType() == BufferedImage.TYPE_INT_RGB
                || img.getType() == BufferedImage.TYPE_INT_ARGB) && dbi.getNumBanks() == 1
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0 && dbi.getData().length == n) {
            return dbi.getData();
        }
        if (raster.getDataBuffer() instanceof DataBufferByte dbb && img.getType() == BufferedImage.TYPE_3BYTE_BGR
                && dbb.getData().length == n * 3 && raster.getSampleModelTranslateX() == 0) {
            byte[] b = dbb.getData();
            int[] out = new int[n];
            for (int i = 0, j = 0; i < n; i++, j += 3) {
                out[i] = ((b[j + 2] & 0xff) << 16) | ((b[j + 1] & 0xff) << 8) | (b[j] & 0xff);
            }
            return out;
        }
        return img.getRGB(0, 0, w, h, null, 0, w);
    }
}
