package org.carewatch.core.cameras;

import java.net.URI;
import java.util.Set;

/**
 * How to reach a camera's stream: the RTSP URL with credentials inside (never log it; use
 * {@link #redacted()}), the profile's preferred transport and its quirk flags.
 */
public record CameraEndpoint(long cameraId, long centreId, URI rtspUrl, String redacted, String transport, Set<String> quirks,
                             boolean held) {
    @Override
    public String toString() {
        return "CameraEndpoint[camera=" + cameraId + ", url=" + redacted + ", transport=" + transport + "]";
    }
}
