package org.carewatch.ingest.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.carewatch.ingest.health.ReconnectBackoff;
import org.carewatch.ingest.health.StreamHealthListener;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspClientOptions;

/**
 * Holds many camera streams open on one shared event loop group, one {@link CameraStream} per camera id.
 * Health changes go to one listener.
 *
 * <p>A camera is known by its registry id, a {@code long}, everywhere in ingest (holder, stream, health
 * events, event writer, fleet, frame service): the same type as core's {@code Camera.id()}, the store's
 * {@code bigint} columns and the alert engine, so no seam converts or parses it. A {@code CameraId} record
 * would be unwrapped again at each of those seams; it is worth having only when core adopts it too.
 */
public final class StreamHolder implements AutoCloseable {

    private final IngestEventLoop loop;
    private final StreamHealthListener listener;
    private final Supplier<ReconnectBackoff> backoff;
    private final Clock clock;
    private final Map<Long, CameraStream> streams = new ConcurrentHashMap<>();

    public StreamHolder(IngestEventLoop loop, StreamHealthListener listener) {
        this(loop, listener, ReconnectBackoff::new, Clock.systemUTC());
    }

    /** @param backoff a fresh backoff per camera (tests use short delays) */
    public StreamHolder(IngestEventLoop loop, StreamHealthListener listener, Supplier<ReconnectBackoff> backoff,
                        Clock clock) {
        this.loop = Objects.requireNonNull(loop);
        this.listener = Objects.requireNonNull(listener);
        this.backoff = Objects.requireNonNull(backoff);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Starts holding a camera; a camera already held under this id is released first. */
    public CameraStream hold(long cameraId, String url, RtspClientOptions options) {
        CameraStream stream = new CameraStream(cameraId, url, options, loop, listener, backoff, clock);
        CameraStream previous = streams.put(cameraId, stream);
        if (previous != null) {
            previous.stop();
        }
        stream.start();
        return stream;
    }

    /** Stops holding a camera (TEARDOWN); completes when its sockets are closed. */
    public CompletableFuture<Void> release(long cameraId) {
        CameraStream stream = streams.remove(cameraId);
        return stream == null ? CompletableFuture.completedFuture(null) : stream.stop();
    }

    public Optional<CameraStream> stream(long cameraId) {
        return Optional.ofNullable(streams.get(cameraId));
    }

    public Collection<CameraStream> streams() {
        return List.copyOf(streams.values());
    }

    /** Releases every stream and waits (up to 5 s) for their sockets to close. The event loop stays up. */
    @Override
    public void close() {
        CompletableFuture<?>[] stops = streams.keySet().stream().map(this::release).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stops).get(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Best effort: sockets still closing are closed with the event loop group.
        }
    }
}
