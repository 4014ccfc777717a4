package org.carewatch.alerts.camera;

import java.util.Set;

/**
 * What the checks found in one frame, with the measures behind them.
 *
 * @param frozenDifference mean absolute difference to the previous sample; NaN without one
 */
public record FrameQualityResult(Set<FrameFlag> flags, double meanLuma, double stdLuma, double laplacianVariance,
                                 double flatFraction, double frozenDifference, double meanRed, double meanGreen, double meanBlue,
                                 Thumbnail thumbnail) {
    public FrameQualityResult {
        flags = Set.copyOf(flags);
    }

    public boolean ok() {
        return flags.isEmpty();
    }
}
