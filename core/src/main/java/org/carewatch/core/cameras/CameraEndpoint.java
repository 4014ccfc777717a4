package org.carewatch.core.cameras;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * How to reach a camera: the RTSP URL with credentials inside (never log it; use {@link #redacted()}),
 * the profile's preferred transport and quirk flags, and the vendor's HTTP snapshot endpoint (without
 * credentials) with the user and password for it, when the profile has one.
 *
 * @param auth         the authentication the profile says the camera's RTSP uses: digest, basic, any or none
 * @param snapshotAuth the same for the HTTP snapshot endpoint
 */
public record CameraEndpoint(long cameraId, long centreId, URI rtspUrl, String redacted, String transport, Set<String> quirks,
                             boolean held, Optional<URI> httpSnapshot, String user, String password, String auth, String snapshotAuth) {
    @Override
    public String toString() {
        return "CameraEndpoint[camera=" + cameraId + ", url=" + redacted + ", transport=" + transport + "]";
    }
}
