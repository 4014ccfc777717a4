package org.carewatch.alerts.engine;

import java.awt.image.BufferedImage;
import java.time.Instant;

/** A sampled (decoded, privacy-masked) frame of a camera, for {@link AlertEngine#onFrame}. */
public record FrameSample(long centreId, long cameraId, Instant time, BufferedImage frame) {
}
