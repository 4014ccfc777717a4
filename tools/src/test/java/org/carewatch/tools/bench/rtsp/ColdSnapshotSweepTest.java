package org.carewatch.tools.bench.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ColdSnapshotSweepTest {

    @Test
    void clipHoldsAWholeNumberOfGopsAndAtLeastTwo() {
        ColdSnapshotSweep sweep = new ColdSnapshotSweep(Path.of("unused"), 640, 360, 25);
        for (int gop : new int[] {1, 10, 25, 50, 100, 250, 600}) {
            int seconds = sweep.clipSeconds(gop);
            assertThat((25 * seconds) % gop).as("gop %d", gop).isZero();
            assertThat(25 * seconds).as("gop %d", gop).isGreaterThanOrEqualTo(2 * gop);
            assertThat(seconds).isBetween(8, 600);
        }
        assertThat(sweep.clipSeconds(100)).isEqualTo(8);
        assertThat(sweep.clipSeconds(50)).isEqualTo(8);
    }
}
