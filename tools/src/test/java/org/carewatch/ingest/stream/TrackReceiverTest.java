package org.carewatch.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.KeyframeCache;
import org.carewatch.ingest.media.NalUnits;
import org.carewatch.ingest.media.StreamFacts;
import org.carewatch.ingest.media.StreamFactsSnapshot;
import org.carewatch.ingest.rtp.Packetizer;
import org.carewatch.ingest.rtp.Packetizers;
import org.carewatch.ingest.rtp.RtpPacket;
import org.carewatch.ingest.sdp.MediaTrack;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A held stream's receiving path, fed pooled buffers as the event loop does (no network needed here). */
class TrackReceiverTest {

    /** A clock the test moves by hand. */
    private static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static void send(TrackReceiver receiver, byte[] wire) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(wire.length);
        try {
            buf.writeBytes(wire);
            receiver.onRtp(buf);
            assertThat(buf.refCnt()).isEqualTo(1); // the receiver neither keeps nor releases it
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void keepsTheLatestKeyframeAndCountsEveryPicture(Codec codec) {
        TestClip clip = TestClips.shortClip(codec);
        MediaTrack track = new MediaTrack("video", 96, codec.rtpEncodingName(), 90_000, Map.of(),
                URI.create("rtsp://camera/track1"), clip.parameterSets());
        StepClock clock = new StepClock();
        TrackReceiver receiver = new TrackReceiver(track, new KeyframeCache(codec, clip.parameterSets()),
                new StreamFacts(codec), clock);
        Packetizer packetizer = Packetizers.forCodec(codec, 96, 5);
        long payloadBytes = 0;
        int packets = 0;
        AccessUnit lastKey = null;
        for (AccessUnit au : clip.accessUnits()) {
            for (RtpPacket p : packetizer.packetize(au, au.rtpTimestamp())) {
                send(receiver, p.encode());
                payloadBytes += p.payload().length;
                packets++;
            }
            if (au.keyframe()) {
                lastKey = au;
            }
            clock.now = clock.now.plus(Duration.ofMillis(40));
        }
        // Not RTP, and another payload type: dropped before the depacketizer.
        send(receiver, new byte[] {1, 2, 3});
        send(receiver, new RtpPacket(true, 0, 9, 9, 5, new byte[] {1}).encode());

        assertThat(receiver.droppedPackets()).isEqualTo(2);
        assertThat(lastKey).isNotNull();
        AccessUnit cached = receiver.cache().latest().orElseThrow().accessUnit();
        assertThat(cached.rtpTimestamp()).isEqualTo(lastKey.rtpTimestamp());
        assertThat(cached.toAnnexB()).isEqualTo(NalUnits.withParameterSets(lastKey, clip.parameterSets()).toAnnexB());
        StreamFactsSnapshot facts = receiver.facts().snapshot();
        long keys = clip.accessUnits().stream().filter(AccessUnit::keyframe).count();
        assertThat(facts.accessUnits()).isEqualTo(clip.accessUnits().size());
        assertThat(facts.keyframes()).isEqualTo(keys);
        assertThat(facts.gopLength()).isEqualTo(25);
        assertThat(facts.fps()).isBetween(24.9, 25.1);
        assertThat(facts.width()).isEqualTo(640);
        assertThat(facts.height()).isEqualTo(360);
        assertThat(facts.packets()).isEqualTo(packets);
        assertThat(facts.bytes()).isEqualTo(payloadBytes);
        assertThat(facts.bitrateBps()).isPositive();
        assertThat(receiver.depacketizer().stats().malformedPackets()).isZero();
        assertThat(List.of(receiver.depacketizer().sequenceGaps(), receiver.depacketizer().droppedAccessUnits()))
                .containsOnly(0L);
    }
}
