package org.carewatch.ingest.rtsp;

/** A failure to talk to a camera, classified as one {@link SnapshotFailure}. Messages never hold credentials. */
public final class RtspException extends RuntimeException {

    private final SnapshotFailure failure;

    public RtspException(SnapshotFailure failure, String detail) {
        super(detail == null || detail.isEmpty() ? failure.message() : failure.message() + " (" + detail + ")");
        this.failure = failure;
    }

    public RtspException(SnapshotFailure failure, String detail, Throwable cause) {
        this(failure, detail);
        initCause(cause);
    }

    public SnapshotFailure failure() {
        return failure;
    }

    /** Finds the {@link RtspException} in a chain (e.g. a {@code CompletionException}), or classifies it. */
    public static RtspException of(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RtspException e) {
                return e;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.ConnectException) {
                return new RtspException(SnapshotFailure.CONNECTION_REFUSED, null, t);
            }
            if (c instanceof java.util.concurrent.TimeoutException
                    || c instanceof io.netty.channel.ConnectTimeoutException) {
                return new RtspException(SnapshotFailure.TIMEOUT, null, t);
            }
        }
        return new RtspException(SnapshotFailure.CONNECTION_LOST, t == null ? null : t.getClass().getSimpleName(), t);
    }
}
