package org.carewatch.profiles.camera;

import java.util.Objects;

/**
 * Where a camera stream is: host name or IP literal, RTSP port (null for the profile default), channel
 * (1-based, as printed on NVRs), stream, and for generic profiles the stream path the user typed
 * (null otherwise).
 */
public record CameraAddress(String host, Integer port, int channel, StreamKind stream, String path) {

    public CameraAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(stream, "stream");
    }

    public CameraAddress(String host, Integer port, int channel, StreamKind stream) {
        this(host, port, channel, stream, null);
    }
}
