package org.carewatch.ingest.health;

/** Health of one held camera stream. */
public enum StreamState {
    /** First connection attempt under way. */
    CONNECTING,
    /** Media arrives. */
    STREAMING,
    /** The connection was up but media stopped arriving (silence); reconnecting. */
    STALLED,
    /** The camera cannot be reached or dropped the connection; reconnecting. */
    OFFLINE,
    /** The camera rejected the credentials; retried slowly. */
    AUTH_FAILED,
    /** The camera has no stream at the configured path; retried slowly. */
    NOT_FOUND,
    /** The camera offers no H.264/H.265 video; retried slowly. */
    UNSUPPORTED_CODEC;

    /** Failures a configuration change must fix: retrying quickly only hammers the camera. */
    public boolean needsAttention() {
        return this == AUTH_FAILED || this == NOT_FOUND || this == UNSUPPORTED_CODEC;
    }
}
