package org.carewatch.ingest.stream;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.media.KeyframeCache;
import org.carewatch.ingest.media.StreamFacts;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtpSink;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.rtsp.RtspException;
import org.carewatch.ingest.rtsp.RtspSession;
import org.carewatch.ingest.rtsp.SnapshotFailure;

/**
 * Samples a camera that is not held open: connect, take the first keyframe, disconnect (TEARDOWN).
 */
public final class KeyframeSampler {

    private final IngestEventLoop loop;

    public KeyframeSampler(IngestEventLoop loop) {
        this.loop = loop;
    }

    /**
     * The first complete keyframe of {@code url}, or a failure with an {@link RtspException} naming one
     * {@link SnapshotFailure} (auth failed, not found, timeout, connection refused, unsupported codec, ...).
     * The whole attempt, connect included, is bounded by {@code timeout}. Completes on an event loop.
     */
    public CompletableFuture<Keyframe> sampleKeyframe(String url, RtspClientOptions options, Duration timeout) {
        CompletableFuture<Keyframe> result = new CompletableFuture<>();
        ReceiverSlot slot = new ReceiverSlot();
        RtspClientOptions bounded = options.readTimeout().compareTo(timeout) > 0 ? options.withReadTimeout(timeout) : options;
        RtspSession session = RtspSession.start(loop, url, bounded, slot);
        ScheduledFuture<?> timer = session.eventLoop().schedule(() -> result.completeExceptionally(
                new RtspException(SnapshotFailure.TIMEOUT, "no keyframe within " + timeout.toMillis() + " ms")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        session.started().thenAccept(playing -> {
            Codec codec = playing.track().codec().orElseThrow();
            TrackReceiver receiver = new TrackReceiver(playing.track(),
                    new KeyframeCache(codec, playing.track().parameterSets()), new StreamFacts(codec), Clock.systemUTC());
            receiver.cache().nextKeyframe().whenComplete((k, e) -> {
                if (k != null) {
                    result.complete(k);
                }
            });
            slot.receiver = receiver;
        });
        session.ended().whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(RtspException.of(e));
            } else {
                result.completeExceptionally(new RtspException(SnapshotFailure.CONNECTION_LOST, "closed"));
            }
        });
        result.whenComplete((k, e) -> {
            timer.cancel(false);
            session.close();
        });
        return result;
    }

    /** Drops packets until PLAY has told which track and codec to expect. Event-loop confined. */
    private static final class ReceiverSlot implements RtpSink {
        TrackReceiver receiver;

        @Override
        public void onRtp(ByteBuf packet) {
            TrackReceiver r = receiver;
            if (r != null) {
                r.onRtp(packet);
            }
        }
    }
}
