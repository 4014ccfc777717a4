package org.carewatch.alerts.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Synthetic 640x360 frames: a textured "room", black, one colour, covered, blurred, dark, bright, tinted. */
public final class Frames {
    public static final int W = 640;
    public static final int H = 360;

    private Frames() {
    }

    /** Shapes, edges and sensor noise, like a lit room; different seeds differ as live frames do. */
    public static BufferedImage room(long seed) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(150, 140, 130));
        g.fillRect(0, 0, W, H);
        Random shapes = new Random(42);
        for (int i = 0; i < 60; i++) {
            g.setColor(new Color(40 + shapes.nextInt(200), 40 + shapes.nextInt(200), 40 + shapes.nextInt(200)));
            g.fillRect(shapes.nextInt(W), shapes.nextInt(H), 10 + shapes.nextInt(120), 10 + shapes.nextInt(80));
        }
        g.dispose();
        Random noise = new Random(seed);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = img.getRGB(x, y);
                int n = noise.nextInt(9) - 4;
                img.setRGB(x, y, (clamp(((p >> 16) & 0xff) + n) << 16) | (clamp(((p >> 8) & 0xff) + n) << 8) | clamp((p & 0xff) + n));
            }
        }
        return img;
    }

    public static BufferedImage solid(int r, int g, int b) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        gr.setColor(new Color(r, g, b));
        gr.fillRect(0, 0, W, H);
        gr.dispose();
        return img;
    }

    /** A room with a hand or cloth over 80% of the lens (a flat dark-grey area). */
    public static BufferedImage covered(long seed) {
        BufferedImage img = room(seed);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(70, 65, 60));
        g.fillRect(0, 0, W, (int) (H * 0.8));
        g.dispose();
        return img;
    }

    /** A room smeared by a 15x15 box blur (out of focus). */
    public static BufferedImage blurred(long seed) {
        BufferedImage src = room(seed);
        BufferedImage out = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        int r = 7;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int sr = 0;
                int sg = 0;
                int sb = 0;
                int n = 0;
                for (int dy = -r; dy <= r; dy += 2) {
                    for (int dx = -r; dx <= r; dx += 2) {
                        int xx = Math.min(W - 1, Math.max(0, x + dx));
                        int yy = Math.min(H - 1, Math.max(0, y + dy));
                        int p = src.getRGB(xx, yy);
                        sr += (p >> 16) & 0xff;
                        sg += (p >> 8) & 0xff;
                        sb += p & 0xff;
                        n++;
                    }
                }
                out.setRGB(x, y, ((sr / n) << 16) | ((sg / n) << 8) | (sb / n));
            }
        }
        return out;
    }

    /** The room scaled in brightness and per channel. */
    public static BufferedImage tinted(long seed, double r, double g, double b) {
        BufferedImage img = room(seed);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = img.getRGB(x, y);
                img.setRGB(x, y, (clamp((int) (((p >> 16) & 0xff) * r)) << 16) | (clamp((int) (((p >> 8) & 0xff) * g)) << 8)
                        | clamp((int) ((p & 0xff) * b)));
            }
        }
        return img;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
