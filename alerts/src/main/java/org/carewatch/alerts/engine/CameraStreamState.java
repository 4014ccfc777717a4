package org.carewatch.alerts.engine;

import java.time.Instant;

/** A camera stream's health changed (from RTSP ingest), for {@link AlertEngine#onCameraState}. */
public record CameraStreamState(long centreId, long cameraId, State state, String detail, Instant time) {

    /** The stream health states of RTSP ingest. */
    public enum State {
        CONNECTING, STREAMING, STALLED, OFFLINE, AUTH_FAILED, NOT_FOUND, UNSUPPORTED_CODEC;

        /** States in which the regulator cannot see the room. */
        public boolean fault() {
            return this != CONNECTING && this != STREAMING;
        }
    }
}
