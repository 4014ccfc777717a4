package org.carewatch.ingest.live;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One viewer's live video: what the player needs ({@link #mimeType}) and {@link #close} to leave the camera's
 * feed (idempotent; safe from any thread, never blocks).
 */
public final class LiveSession implements AutoCloseable {

    private final long cameraId;
    private final String purpose;
    private final Instant start;
    private final String mimeType;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    LiveSession(long cameraId, String purpose, Instant start, String mimeType, Runnable onClose) {
        this.cameraId = cameraId;
        this.purpose = purpose;
        this.start = start;
        this.mimeType = mimeType;
        this.onClose = onClose;
    }

    public long cameraId() {
        return cameraId;
    }

    public String purpose() {
        return purpose;
    }

    public Instant start() {
        return start;
    }

    /** For {@code MediaSource.isTypeSupported}, e.g. {@code video/mp4; codecs="avc1.64001f"}. */
    public String mimeType() {
        return mimeType;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }
}
