package org.carewatch.core.cameras;

import java.util.List;
import java.util.TreeSet;

/**
 * Compares the parts of the picture two sets of privacy masks hide, exactly: the picture is cut along every
 * mask edge of both sets, and each cell is either hidden or shown by each set.
 */
public record MaskCoverage(boolean addsCoverage, boolean removesCoverage) {

    /** True when the two sets hide exactly the same area (e.g. the same masks reordered or split). */
    public boolean same() {
        return !addsCoverage && !removesCoverage;
    }

    public static MaskCoverage compare(List<MaskRect> before, List<MaskRect> after) {
        TreeSet<Double> xs = new TreeSet<>(List.of(0.0, 1.0));
        TreeSet<Double> ys = new TreeSet<>(List.of(0.0, 1.0));
        for (List<MaskRect> set : List.of(before, after)) {
            for (MaskRect m : set) {
                xs.add(clamp(m.x()));
                xs.add(clamp(m.x() + m.w()));
                ys.add(clamp(m.y()));
                ys.add(clamp(m.y() + m.h()));
            }
        }
        Double[] x = xs.toArray(Double[]::new);
        Double[] y = ys.toArray(Double[]::new);
        boolean adds = false;
        boolean removes = false;
        for (int i = 0; i + 1 < x.length; i++) {
            double cx = (x[i] + x[i + 1]) / 2;
            for (int j = 0; j + 1 < y.length; j++) {
                double cy = (y[j] + y[j + 1]) / 2;
                boolean was = covers(before, cx, cy);
                boolean now = covers(after, cx, cy);
                adds |= now && !was;
                removes |= was && !now;
            }
        }
        return new MaskCoverage(adds, removes);
    }

    private static boolean covers(List<MaskRect> masks, double px, double py) {
        for (MaskRect m : masks) {
            if (px > m.x() && px < m.x() + m.w() && py > m.y() && py < m.y() + m.h()) {
                return true;
            }
        }
        return false;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
