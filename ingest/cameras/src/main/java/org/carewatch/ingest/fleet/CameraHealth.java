package org.carewatch.ingest.fleet;

import java.time.Instant;

/** What {@code /api/v1/cameras/{id}/health} shows: the stream state and the live stream facts. */
public record CameraHealth(long cameraId, String state, boolean held, String codec, Integer width, Integer height, Double fps,
                           Long bitrateBps, Integer gopLength, Instant lastPacketTime, Instant lastKeyframeTime) {
}
