package org.carewatch.ingest.frames;

import java.awt.image.BufferedImage;
import java.time.Instant;

/**
 * One masked frame of a camera, as its {@link FrameRequest} asked: the JPEG, the picture and the check's
 * result all come from the same decode.
 *
 * @param capturedAt when the frame reached us (the keyframe's arrival, or the HTTP snapshot's fetch)
 * @param jpeg       null unless asked
 * @param picture    null unless asked ({@link BufferedImage#TYPE_INT_RGB})
 * @param checked    the check's result; null without a check
 */
public record CameraFrame<R>(long cameraId, long centreId, Instant capturedAt, int width, int height, byte[] jpeg,
                             BufferedImage picture, R checked) {
}
