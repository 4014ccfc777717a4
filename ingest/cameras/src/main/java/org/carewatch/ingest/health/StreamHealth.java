package org.carewatch.ingest.health;

import java.time.Clock;
import java.util.Objects;
import org.carewatch.ingest.rtsp.SnapshotFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health state machine of one camera stream. It publishes an event only when the state changes, so a
 * camera that stays down while reconnects keep failing produces one event, not one per attempt.
 *
 * <pre>
 *   CONNECTING --media--> STREAMING --silence--> STALLED --media--> STREAMING
 *        |                    |                     |
 *        +--failure---------> OFFLINE / AUTH_FAILED / NOT_FOUND / UNSUPPORTED_CODEC --media--> STREAMING
 * </pre>
 * Thread-safe.
 */
public final class StreamHealth {

    private static final Logger log = LoggerFactory.getLogger(StreamHealth.class);

    private final long cameraId;
    private final StreamHealthListener listener;
    private final Clock clock;
    private StreamState state;

    public StreamHealth(long cameraId, StreamHealthListener listener, Clock clock) {
        this.cameraId = cameraId;
        this.listener = Objects.requireNonNull(listener);
        this.clock = Objects.requireNonNull(clock);
    }

    public synchronized StreamState state() {
        return state;
    }

    /** A connection attempt starts; only the first one is an event (later ones keep the failure state). */
    public void connecting() {
        synchronized (this) {
            if (state != null) {
                return;
            }
        }
        moveTo(StreamState.CONNECTING, "connecting");
    }

    /** Media arrived (the stream plays). */
    public void streaming() {
        moveTo(StreamState.STREAMING, "media arriving");
    }

    /** No media for the read timeout while the connection stayed up. */
    public void silence(String detail) {
        moveTo(StreamState.STALLED, detail);
    }

    /** A connection attempt or a running session failed. */
    public void failed(SnapshotFailure failure, String detail) {
        StreamState next = switch (failure) {
            case AUTH_FAILED -> StreamState.AUTH_FAILED;
            case NOT_FOUND -> StreamState.NOT_FOUND;
            case UNSUPPORTED_CODEC -> StreamState.UNSUPPORTED_CODEC;
            case TIMEOUT -> {
                synchronized (this) {
                    // Silence on a stream that was playing is a stall; a camera that never answers is offline.
                    yield state == StreamState.STREAMING || state == StreamState.STALLED
                            ? StreamState.STALLED : StreamState.OFFLINE;
                }
            }
            default -> StreamState.OFFLINE;
        };
        moveTo(next, detail);
    }

    private void moveTo(StreamState next, String detail) {
        StreamState previous;
        synchronized (this) {
            if (state == next) {
                return;
            }
            previous = state;
            state = next;
        }
        StreamHealthEvent event = new StreamHealthEvent(cameraId, previous, next, clock.instant(), detail);
        // Once per change, never per reconnect attempt; a camera going down is a WARN without a stack trace.
        if (next == StreamState.CONNECTING || next == StreamState.STREAMING) {
            log.info("camera {}: {} -> {} ({})", cameraId, previous, next, detail);
        } else {
            log.warn("camera {}: {} -> {} ({})", cameraId, previous, next, detail);
        }
        try {
            listener.onStreamEvent(event);
        } catch (RuntimeException e) {
            log.warn("stream health listener failed for camera {}", cameraId, e);
        }
    }
}
