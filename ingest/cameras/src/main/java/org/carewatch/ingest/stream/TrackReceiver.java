package org.carewatch.ingest.stream;

import io.netty.buffer.ByteBuf;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.KeyframeCache;
import org.carewatch.ingest.media.StreamFacts;
import org.carewatch.ingest.rtp.AccessUnitSink;
import org.carewatch.ingest.rtp.Depacketizer;
import org.carewatch.ingest.rtp.DepacketizerLimits;
import org.carewatch.ingest.rtp.Depacketizers;
import org.carewatch.ingest.rtp.MalformedRtpException;
import org.carewatch.ingest.rtp.RtpPacketView;
import org.carewatch.ingest.rtsp.RtpSink;
import org.carewatch.ingest.sdp.MediaTrack;

/**
 * RTP of one played track → depacketizer → {@link KeyframeCache} and {@link StreamFacts}. Never decodes.
 * Fed on the session's event loop; packets of other payload types and malformed packets are dropped and
 * counted.
 */
public final class TrackReceiver implements RtpSink {

    private final int payloadType;
    private final Depacketizer depacketizer;
    private final KeyframeCache cache;
    private final StreamFacts facts;
    private final Clock clock;
    private final AtomicLong dropped = new AtomicLong();
    private final RtpPacketView view = new RtpPacketView();
    private final MediaTrack track;
    // Live view: a second, full depacketizer runs only while a tap is set (event-loop confined).
    private Consumer<AccessUnit> liveTap;
    private Depacketizer live;

    public TrackReceiver(MediaTrack track, KeyframeCache cache, StreamFacts facts, Clock clock) {
        if (track.codec().isEmpty() || track.codec().get() != cache.codec()) {
            throw new IllegalArgumentException("track codec does not match the keyframe cache");
        }
        this.payloadType = track.payloadType();
        this.track = track;
        this.cache = cache;
        this.facts = facts;
        this.clock = clock;
        // The stream is never decoded here: only keyframes are kept, so only their bytes are copied.
        this.depacketizer = Depacketizers.keyframesOnly(cache.codec(), track.parameterSets(), DepacketizerLimits.DEFAULT,
                new AccessUnitSink() {
                    @Override
                    public void onAccessUnit(AccessUnit au) {
                        Instant now = clock.instant();
                        facts.onAccessUnit(au, now);
                        cache.offer(au, now);
                    }

                    @Override
                    public void onSkippedAccessUnit(long rtpTimestamp, int nalBytes) {
                        facts.onNonKeyframe(rtpTimestamp, clock.instant());
                    }
                });
    }

    @Override
    public void onRtp(ByteBuf packet) {
        // Parsed in place into one reused view: no copy, no garbage per packet (the hot path of held streams).
        RtpPacketView rtp;
        try {
            rtp = view.parse(packet);
        } catch (MalformedRtpException e) {
            dropped.incrementAndGet();
            return;
        }
        if (rtp.payloadType() != payloadType) {
            dropped.incrementAndGet();
            return;
        }
        facts.onPacket(rtp.payloadLength(), clock.instant());
        depacketizer.accept(rtp);
        if (live != null) {
            live.accept(rtp);
        }
    }

    /**
     * Sets (or with null, removes) the consumer of every complete access unit, for live remuxing; call on the
     * session's event loop. While set, a full depacketizer copies every picture (it starts at the next
     * keyframe); the keyframes-only path above is unchanged.
     */
    public void setLiveTap(Consumer<AccessUnit> tap) {
        if (tap == liveTap) {
            return;
        }
        liveTap = tap;
        live = tap == null ? null
                : Depacketizers.forCodec(cache.codec(), track.parameterSets(), DepacketizerLimits.DEFAULT, tap);
    }

    public KeyframeCache cache() {
        return cache;
    }

    public StreamFacts facts() {
        return facts;
    }

    public Depacketizer depacketizer() {
        return depacketizer;
    }

    /** Packets dropped before the depacketizer (not RTP, or another payload type). */
    public long droppedPackets() {
        return dropped.get();
    }
}
