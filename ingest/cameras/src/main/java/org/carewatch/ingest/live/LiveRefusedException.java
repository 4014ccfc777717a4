package org.carewatch.ingest.live;

/** Live video cannot be given for this camera now; {@link #reason} says why (the page falls back to snapshots). */
public final class LiveRefusedException extends Exception {

    /** Why: each maps to one HTTP status and one message key in the console. */
    public enum Reason {
        /** The camera has privacy masks: masks cannot be painted on remuxed video, only masked snapshots are shown. */
        MASKED,
        /** The stream is not H.264 (H.265 is not remuxed yet). */
        UNSUPPORTED_CODEC,
        /** The camera's stream is not held on this node or has no picture yet. */
        NOT_STREAMING,
        /** The camera already has its maximum number of live viewers. */
        VIEWER_LIMIT
    }

    private final Reason reason;

    public LiveRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
