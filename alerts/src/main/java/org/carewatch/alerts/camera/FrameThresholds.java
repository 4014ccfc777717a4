package org.carewatch.alerts.camera;

/**
 * Limits of the frame checks, on 8-bit luminance (0-255).
 *
 * @param blackMean          mean under this with little variation is black
 * @param flatStd            standard deviation under this is one flat colour (signal lost)
 * @param darkMean           mean under this is too dark
 * @param brightMean         mean over this is too bright (washed out)
 * @param blurLaplacianVar   variance of the Laplacian under this is blurred
 * @param blockFlatStd       a 16x16-grid cell with deviation under this is featureless
 * @param coveredFraction    this share of featureless cells or more is covered
 * @param frozenDifference   mean absolute difference to the previous sample (on the 160x90 thumbnail) under this is frozen
 * @param colourCastRatio    the largest channel mean over the smallest above this is a colour cast
 */
public record FrameThresholds(double blackMean, double flatStd, double darkMean, double brightMean, double blurLaplacianVar,
                              double blockFlatStd, double coveredFraction, double frozenDifference, double colourCastRatio) {

    public static final FrameThresholds DEFAULT = new FrameThresholds(20, 4, 45, 215, 20, 3, 0.6, 0.2, 1.6);
}
