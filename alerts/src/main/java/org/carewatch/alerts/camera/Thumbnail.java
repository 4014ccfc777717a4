package org.carewatch.alerts.camera;

/**
 * A 160x90 luminance summary of a frame (4x4 or larger block means), all that is kept of a sample to
 * compare the next one with: about 14 KB per camera instead of the whole picture.
 */
public record Thumbnail(int width, int height, float[] luma) {
    public static final int WIDTH = 160;
    public static final int HEIGHT = 90;

    /** Mean absolute luminance difference, or NaN when the shapes differ. */
    public double difference(Thumbnail other) {
        if (other == null || other.width != width || other.height != height) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < luma.length; i++) {
            sum += Math.abs(luma[i] - other.luma[i]);
        }
        return sum / luma.length;
    }
}
