package org.carewatch.tools.clip;

import java.util.Map;

/** A 5x7 pixel font for the burned-in counter, so clip generation needs no AWT fonts (headless servers). */
final class BitmapFont {

    static final int GLYPH_WIDTH = 5;
    static final int GLYPH_HEIGHT = 7;

    // Each glyph: 7 rows of 5 bits, most significant bit on the left.
    private static final Map<Character, int[]> GLYPHS = Map.ofEntries(
            Map.entry('0', new int[] {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}),
            Map.entry('1', new int[] {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E}),
            Map.entry('2', new int[] {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}),
            Map.entry('3', new int[] {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E}),
            Map.entry('4', new int[] {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}),
            Map.entry('5', new int[] {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E}),
            Map.entry('6', new int[] {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}),
            Map.entry('7', new int[] {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}),
            Map.entry('8', new int[] {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}),
            Map.entry('9', new int[] {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C}),
            Map.entry(':', new int[] {0x00, 0x0C, 0x0C, 0x00, 0x0C, 0x0C, 0x00}),
            Map.entry('.', new int[] {0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C}),
            Map.entry('-', new int[] {0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00}),
            Map.entry(' ', new int[] {0, 0, 0, 0, 0, 0, 0}),
            Map.entry('A', new int[] {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}),
            Map.entry('C', new int[] {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E}),
            Map.entry('E', new int[] {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F}),
            Map.entry('F', new int[] {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10}),
            Map.entry('H', new int[] {0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}),
            Map.entry('M', new int[] {0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11}),
            Map.entry('R', new int[] {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11}),
            Map.entry('T', new int[] {0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04}),
            Map.entry('W', new int[] {0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A}));

    private BitmapFont() {
    }

    /** Draws {@code text} into a luma plane at (x, y), each font pixel a {@code scale}x{@code scale} block. */
    static void draw(byte[] luma, int stride, int planeHeight, String text, int x, int y, int scale, int value) {
        int cx = x;
        for (char ch : text.toCharArray()) {
            int[] rows = GLYPHS.getOrDefault(ch, GLYPHS.get(' '));
            for (int row = 0; row < GLYPH_HEIGHT; row++) {
                for (int col = 0; col < GLYPH_WIDTH; col++) {
                    if ((rows[row] >> (GLYPH_WIDTH - 1 - col) & 1) != 0) {
                        fill(luma, stride, planeHeight, cx + col * scale, y + row * scale, scale, scale, value);
                    }
                }
            }
            cx += (GLYPH_WIDTH + 1) * scale;
        }
    }

    static int textWidth(String text, int scale) {
        return text.length() * (GLYPH_WIDTH + 1) * scale;
    }

    static void fill(byte[] plane, int stride, int planeHeight, int x, int y, int w, int h, int value) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(stride, x + w);
        int y1 = Math.min(planeHeight, y + h);
        for (int yy = y0; yy < y1; yy++) {
            int row = yy * stride;
            for (int xx = x0; xx < x1; xx++) {
                plane[row + xx] = (byte) value;
            }
        }
    }
}
