package org.carewatch.tools.bench.rtsp;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collected durations with nearest-rank percentiles, in milliseconds rounded to 0.01. */
public final class Latencies {

    private long[] nanos = new long[64];
    private int count;

    public void add(long durationNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = durationNanos;
    }

    public int count() {
        return count;
    }

    /** Nearest-rank percentile ({@code p} in 0..100) in ms; NaN when empty. */
    public double percentileMs(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return ms(sorted[Math.max(0, Math.min(count - 1, rank - 1))]);
    }

    public double meanMs() {
        return count == 0 ? Double.NaN : ms(Arrays.stream(nanos, 0, count).sum() / count);
    }

    /** count, p50, p99, min, max and mean. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", count);
        m.put("p50_ms", percentileMs(50));
        m.put("p99_ms", percentileMs(99));
        m.put("min_ms", percentileMs(0));
        m.put("max_ms", percentileMs(100));
        m.put("mean_ms", meanMs());
        return m;
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
