package org.carewatch.tools.bench.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void nearestRankPercentilesInMilliseconds() {
        Latencies l = new Latencies();
        for (int ms = 100; ms >= 1; ms--) { // out of order, grows past the initial capacity
            l.add(ms * 1_000_000L);
        }
        assertThat(l.count()).isEqualTo(100);
        assertThat(l.percentileMs(50)).isEqualTo(50.0);
        assertThat(l.percentileMs(99)).isEqualTo(99.0);
        assertThat(l.percentileMs(100)).isEqualTo(100.0);
        assertThat(l.percentileMs(0)).isEqualTo(1.0);
        assertThat(l.meanMs()).isEqualTo(50.5);
    }

    @Test
    void smallSamplesAndRounding() {
        Latencies l = new Latencies();
        assertThat(l.percentileMs(50)).isNaN();
        l.add(1_234_567);
        l.add(9_876_543);
        l.add(5_000_000);
        assertThat(l.percentileMs(50)).isEqualTo(5.0);
        assertThat(l.percentileMs(99)).isEqualTo(9.88);
        assertThat(l.summary()).containsEntry("n", 3).containsEntry("min_ms", 1.23);
    }
}
