package org.carewatch.ingest.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.carewatch.ingest.health.ReconnectBackoff;
import org.carewatch.ingest.health.StreamHealth;
import org.carewatch.ingest.health.StreamHealthListener;
import org.carewatch.ingest.health.StreamState;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.media.KeyframeCache;
import org.carewatch.ingest.media.StreamFacts;
import org.carewatch.ingest.media.StreamFactsSnapshot;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtpSink;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.rtsp.RtspException;
import org.carewatch.ingest.rtsp.RtspSession;
import org.carewatch.ingest.rtsp.RtspUrl;
import org.carewatch.ingest.rtsp.SnapshotFailure;
import org.carewatch.ingest.sdp.MediaTrack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one camera's stream open: plays it, feeds RTP to the depacketizer → keyframe cache + stream facts
 * (never decoding), reports health, and reconnects with backoff when the session fails. Everything runs on
 * one event loop; the getters are safe from any thread.
 */
public final class CameraStream {

    private static final Logger log = LoggerFactory.getLogger(CameraStream.class);

    private final long cameraId;
    private final String url;
    private final RtspClientOptions options;
    private final IngestEventLoop loop;
    private final EventLoop eventLoop;
    private final StreamHealth health;
    private final ReconnectBackoff backoff;
    private final Clock clock;

    // Event-loop confined.
    private RtspSession session;
    private TrackReceiver receiver;
    private ScheduledFuture<?> reconnect;
    private boolean mediaSeen;
    private boolean stopped;
    private long sessions;
    private final List<CompletableFuture<Keyframe>> waitingForCache = new ArrayList<>();
    private Consumer<AccessUnit> liveTap;

    // Published for readers on other threads.
    private volatile TrackReceiver published;
    private volatile long connects;
    private volatile long pastGaps;
    private volatile KeyframeCache cache;
    private volatile StreamFacts facts;

    CameraStream(long cameraId, String url, RtspClientOptions options, IngestEventLoop loop,
                 StreamHealthListener listener, Supplier<ReconnectBackoff> backoff, Clock clock) {
        this.cameraId = cameraId;
        this.url = url;
        this.options = options;
        this.loop = loop;
        this.eventLoop = loop.group().next();
        this.health = new StreamHealth(cameraId, listener, clock);
        this.backoff = backoff.get();
        this.clock = clock;
    }

    /** The camera's registry id. */
    public long cameraId() {
        return cameraId;
    }

    /** The URL with any password masked. */
    public String redactedUrl() {
        return RtspUrl.redact(url);
    }

    public StreamState state() {
        return health.state();
    }

    /** The latest keyframe (with its parameter sets), if one arrived since the stream was first held. */
    public Optional<Keyframe> latestKeyframe() {
        KeyframeCache c = cache;
        return c == null ? Optional.empty() : c.latest();
    }

    /**
     * The next keyframe to arrive, also when the stream is not playing yet; completes on an event loop (move
     * heavy work off it) and fails only when the stream is released. Bound the wait with {@code orTimeout}.
     */
    public CompletableFuture<Keyframe> nextKeyframe() {
        KeyframeCache c = cache;
        if (c != null) {
            return c.nextKeyframe();
        }
        CompletableFuture<Keyframe> f = new CompletableFuture<>();
        eventLoop.execute(() -> {
            if (stopped) {
                f.completeExceptionally(new RtspException(SnapshotFailure.CONNECTION_LOST, "stream released"));
            } else if (cache != null) {
                forward(cache.nextKeyframe(), f);
            } else {
                waitingForCache.add(f);
            }
        });
        return f;
    }

    private static void forward(CompletableFuture<Keyframe> from, CompletableFuture<Keyframe> to) {
        from.whenComplete((k, e) -> {
            if (e != null) {
                to.completeExceptionally(e);
            } else {
                to.complete(k);
            }
        });
        // A caller giving up (orTimeout, cancel) stops the wait on the cache too.
        to.whenComplete((k, e) -> from.cancel(false));
    }

    /**
     * Sets (or with null, removes) the consumer of every complete access unit of this stream, kept across
     * reconnects; it is called on the stream's event loop and must not block (live remuxing).
     */
    public void setLiveTap(Consumer<AccessUnit> tap) {
        eventLoop.execute(() -> {
            liveTap = tap;
            if (receiver != null) {
                receiver.setLiveTap(tap);
            }
        });
    }

    public Optional<StreamFactsSnapshot> facts() {
        StreamFacts f = facts;
        return f == null ? Optional.empty() : Optional.of(f.snapshot());
    }

    /** Sessions started after the first one (for metrics; any thread). */
    public long reconnects() {
        return Math.max(0, connects - 1);
    }

    /** RTP sequence gaps seen over all sessions (for metrics; any thread, approximate while running). */
    public long sequenceGaps() {
        TrackReceiver r = published;
        return pastGaps + (r == null ? 0 : r.depacketizer().stats().sequenceGaps());
    }

    void start() {
        eventLoop.execute(this::connect);
    }

    /** Stops for good: TEARDOWN and close. Completes when the sockets are closed. */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        eventLoop.execute(() -> {
            stopped = true;
            waitingForCache.forEach(f -> f.completeExceptionally(
                    new RtspException(SnapshotFailure.CONNECTION_LOST, "stream released")));
            waitingForCache.clear();
            if (reconnect != null) {
                reconnect.cancel(false);
            }
            if (session == null) {
                done.complete(null);
            } else {
                session.close().whenComplete((v, e) -> done.complete(null));
            }
        });
        return done;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        health.connecting();
        mediaSeen = false;
        if (receiver != null) {
            pastGaps = pastGaps + receiver.depacketizer().stats().sequenceGaps();
        }
        receiver = null;
        published = null;
        connects = connects + 1;
        long generation = ++sessions;
        RtspSession s = RtspSession.start(loop, eventLoop, url, options, new Sink(generation));
        session = s;
        s.started().thenAccept(playing -> {
            if (generation == sessions) {
                onPlaying(playing.track());
            }
        });
        s.ended().whenComplete((v, e) -> {
            if (e != null && generation == sessions) {
                onFailure(RtspException.of(e));
            }
        });
    }

    private void onPlaying(MediaTrack track) {
        Codec codec = track.codec().orElseThrow();
        KeyframeCache c = cache;
        if (c == null || c.codec() != codec) {
            c = new KeyframeCache(codec, track.parameterSets());
            facts = new StreamFacts(codec);
            cache = c;
        } else if (track.parameterSets() != null) {
            c.setParameterSets(track.parameterSets());
        }
        receiver = new TrackReceiver(track, c, facts, clock);
        receiver.setLiveTap(liveTap);
        published = receiver;
        for (CompletableFuture<Keyframe> waiting : waitingForCache) {
            forward(c.nextKeyframe(), waiting);
        }
        waitingForCache.clear();
    }

    private void onMedia(ByteBuf packet) {
        TrackReceiver r = receiver;
        if (r == null) {
            return;
        }
        if (!mediaSeen) {
            mediaSeen = true;
            backoff.reset();
            health.streaming();
        }
        r.onRtp(packet);
    }

    private void onFailure(RtspException e) {
        if (stopped) {
            return;
        }
        if (e.failure() == SnapshotFailure.TIMEOUT && mediaSeen) {
            health.silence(e.getMessage());
        } else {
            health.failed(e.failure(), e.getMessage());
        }
        session = null;
        receiver = null;
        Duration delay = backoff.next(health.state());
        log.debug("camera {}: {}; reconnecting in {} ms", cameraId, e.getMessage(), delay.toMillis());
        reconnect = eventLoop.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ignores packets of a superseded session. */
    private final class Sink implements RtpSink {
        private final long generation;

        Sink(long generation) {
            this.generation = generation;
        }

        @Override
        public void onRtp(ByteBuf packet) {
            if (generation == sessions) {
                onMedia(packet);
            }
        }
    }
}
