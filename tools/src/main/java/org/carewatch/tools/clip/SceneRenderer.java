package org.carewatch.tools.clip;

import java.util.Locale;

/**
 * Draws frame {@code n} of the test scene as YUV 4:2:0 planes: a scrolling gradient, a box bouncing
 * across the picture and a burned-in frame counter and timestamp, so that every frame differs and a
 * snapshot shows which frame it came from.
 */
final class SceneRenderer {

    final int width;
    final int height;
    private final int fps;
    final byte[] y;
    final byte[] u;
    final byte[] v;

    SceneRenderer(int width, int height, int fps) {
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.y = new byte[width * height];
        this.u = new byte[(width / 2) * (height / 2)];
        this.v = new byte[(width / 2) * (height / 2)];
    }

    void render(int n) {
        int shift = 3 * n;
        int textureFrom = height * 2 / 5;
        for (int row = 0; row < height; row++) {
            int base = row * width;
            for (int col = 0; col < width; col++) {
                int value = 48 + (((col + row + shift) >> 2) & 63);
                if (row >= textureFrom) {
                    // A static fine texture (a "carpet"): gives keyframes a realistic size for benchmarks.
                    int h = (col * 73_856_093) ^ (row * 19_349_663);
                    h ^= h >>> 13;
                    value += (h * 0x5bd1e995 >>> 27);
                }
                y[base + col] = (byte) value;
            }
        }
        int cw = width / 2;
        int ch = height / 2;
        for (int row = 0; row < ch; row++) {
            for (int col = 0; col < cw; col++) {
                u[row * cw + col] = (byte) (96 + (col * 64 / cw));
                v[row * cw + col] = (byte) (96 + (row * 64 / ch));
            }
        }
        // Bouncing box.
        int box = Math.max(16, height / 5) & ~1;
        int travelX = width - box;
        int travelY = height - box;
        int bx = bounce(7 * n, travelX) & ~1;
        int by = bounce(5 * n, travelY) & ~1;
        BitmapFont.fill(y, width, height, bx, by, box, box, 210);
        BitmapFont.fill(u, cw, ch, bx / 2, by / 2, box / 2, box / 2, 60);
        BitmapFont.fill(v, cw, ch, bx / 2, by / 2, box / 2, box / 2, 200);
        // Counter and timestamp on a dark band.
        int scale = Math.max(1, height / 120);
        long millis = n * 1000L / fps;
        String counter = String.format(Locale.ROOT, "FRAME %06d", n);
        String time = String.format(Locale.ROOT, "T %02d:%02d.%03d", millis / 60_000, (millis / 1000) % 60, millis % 1000);
        int bandH = 2 * (BitmapFont.GLYPH_HEIGHT + 3) * scale + 2 * scale;
        int bandW = Math.min(width, BitmapFont.textWidth(counter, scale) + 4 * scale);
        BitmapFont.fill(y, width, height, 0, 0, bandW, bandH, 16);
        BitmapFont.fill(u, cw, ch, 0, 0, (bandW + 1) / 2, (bandH + 1) / 2, 128);
        BitmapFont.fill(v, cw, ch, 0, 0, (bandW + 1) / 2, (bandH + 1) / 2, 128);
        BitmapFont.draw(y, width, height, counter, 2 * scale, 2 * scale, scale, 235);
        BitmapFont.draw(y, width, height, time, 2 * scale, (BitmapFont.GLYPH_HEIGHT + 5) * scale, scale, 235);
    }

    private static int bounce(int pos, int travel) {
        if (travel <= 0) {
            return 0;
        }
        int p = pos % (2 * travel);
        return p < travel ? p : 2 * travel - p;
    }
}
