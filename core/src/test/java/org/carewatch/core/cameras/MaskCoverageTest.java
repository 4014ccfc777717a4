package org.carewatch.core.cameras;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaskCoverageTest {
    private static final MaskRect LEFT = new MaskRect(0, 0, 0.5, 1);
    private static final MaskRect TOP_LEFT = new MaskRect(0, 0, 0.5, 0.5);
    private static final MaskRect BOTTOM_LEFT = new MaskRect(0, 0.5, 0.5, 0.5);

    @Test
    void comparesTheHiddenAreaNotTheRectangles() {
        assertThat(MaskCoverage.compare(List.of(LEFT), List.of(TOP_LEFT, BOTTOM_LEFT)).same()).isTrue();
        assertThat(MaskCoverage.compare(List.of(TOP_LEFT, BOTTOM_LEFT), List.of(BOTTOM_LEFT, TOP_LEFT)).same()).isTrue();
        assertThat(MaskCoverage.compare(List.of(), List.of())).isEqualTo(new MaskCoverage(false, false));
    }

    @Test
    void tellsAddedFromRemovedArea() {
        assertThat(MaskCoverage.compare(List.of(TOP_LEFT), List.of(LEFT))).isEqualTo(new MaskCoverage(true, false));
        assertThat(MaskCoverage.compare(List.of(LEFT), List.of())).isEqualTo(new MaskCoverage(false, true));
        assertThat(MaskCoverage.compare(List.of(TOP_LEFT), List.of(BOTTOM_LEFT))).isEqualTo(new MaskCoverage(true, true));
        // A sliver is still area.
        assertThat(MaskCoverage.compare(List.of(LEFT), List.of(LEFT, new MaskRect(0.5, 0, 0.001, 0.001))).addsCoverage()).isTrue();
    }
}
