package org.carewatch.ingest.snapshot;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.carewatch.core.cameras.MaskRect;

/**
 * Blacks out privacy masks in a decoded picture, in whichever form it takes on the worker: packed RGB
 * (the picture handed out) or full-range YUV 4:2:0 planes (what FFmpeg's JPEG encoder reads). Masks are
 * fractions of the picture; a mask covers every pixel it touches (edges rounded outwards), so a scaled
 * picture never shows a sliver of what the mask hides.
 */
final class MaskPainter {
    /** Absorbs floating-point noise (0.8 * 360 = 288.00000000000006) so exact edges stay exact. */
    private static final double EPSILON = 1e-9;

    private MaskPainter() {
    }

    /** A mask in pixels: columns {@code x0 <= x < x1}, rows {@code y0 <= y < y1}, clipped to the picture. */
    record PixelRect(int x0, int y0, int x1, int y1) {
        boolean contains(int x, int y) {
            return x >= x0 && x < x1 && y >= y0 && y < y1;
        }
    }

    static PixelRect pixels(MaskRect m, int width, int height) {
        return new PixelRect(clamp((int) Math.floor(m.x() * width + EPSILON), width),
                clamp((int) Math.floor(m.y() * height + EPSILON), height),
                clamp((int) Math.ceil((m.x() + m.w()) * width - EPSILON), width),
                clamp((int) Math.ceil((m.y() + m.h()) * height - EPSILON), height));
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    /** Packed 0xRRGGBB pixels, {@code width} per row. */
    static void paintRgb(int[] pixels, int width, int height, List<MaskRect> masks) {
        for (MaskRect m : masks) {
            PixelRect r = pixels(m, width, height);
            for (int row = r.y0(); row < r.y1(); row++) {
                Arrays.fill(pixels, row * width + r.x0(), row * width + r.x1(), 0);
            }
        }
    }

    /**
     * Full-range YUV 4:2:0 (yuvj420p): luma 0 and neutral chroma are black. The rectangle grows to even
     * edges so that every chroma sample under the mask is neutral too (a chroma sample serves 2x2 pixels).
     */
    static void paintYuv420(AVFrame frame, List<MaskRect> masks) {
        int w = frame.width();
        int h = frame.height();
        for (MaskRect m : masks) {
            PixelRect r = pixels(m, w, h);
            int x0 = r.x0() & ~1;
            int y0 = r.y0() & ~1;
            int x1 = Math.min(w, r.x1() + (r.x1() & 1));
            int y1 = Math.min(h, r.y1() + (r.y1() & 1));
            if (x0 >= x1 || y0 >= y1) {
                continue;
            }
            fill(frame, 0, x0, y0, x1, y1, 0);
            fill(frame, 1, x0 / 2, y0 / 2, (x1 + 1) / 2, (y1 + 1) / 2, 128);
            fill(frame, 2, x0 / 2, y0 / 2, (x1 + 1) / 2, (y1 + 1) / 2, 128);
        }
    }

    private static void fill(AVFrame frame, int plane, int x0, int y0, int x1, int y1, int value) {
        BytePointer p = frame.data(plane);
        long stride = frame.linesize(plane);
        for (int row = y0; row < y1; row++) {
            long start = row * stride + x0;
            p.position(start).limit(start + (x1 - x0)).fill(value);
        }
    }
}
