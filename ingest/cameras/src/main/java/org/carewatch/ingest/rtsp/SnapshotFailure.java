package org.carewatch.ingest.rtsp;

/**
 * Why a camera could not be read, as one cause an operator understands. Each has a one-line message; the
 * CLI prints it and exits non-zero.
 */
public enum SnapshotFailure {
    AUTH_FAILED("auth failed: the camera rejected the user name or password"),
    NOT_FOUND("not found: the camera has no stream at this path"),
    TIMEOUT("timeout: the camera did not answer or send video in time"),
    CONNECTION_REFUSED("connection refused: nothing accepts connections at this host and port"),
    UNSUPPORTED_CODEC("unsupported codec: the camera offers no H.264 or H.265 video"),
    PROTOCOL_ERROR("protocol error: the camera sent a response that is not valid RTSP"),
    CONNECTION_LOST("connection lost: the camera closed the connection"),
    DECODE_FAILED("decode failed: the keyframe could not be decoded into an image"),
    REFUSED_BY_POLICY("refused by policy: the outbound policy does not allow connections to this address");

    private final String message;

    SnapshotFailure(String message) {
        this.message = message;
    }

    /** One line, safe to print: never contains credentials. */
    public String message() {
        return message;
    }
}
