package org.carewatch.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carewatch.ingest.rtp.Nals.idr;
import static org.carewatch.ingest.rtp.Nals.p;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.NalUnits;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The no-copy path: packets parsed into a {@link RtpPacketView} from pooled buffers, keyframes-only mode. */
class KeyframesOnlyDepacketizerTest {

    private final List<AccessUnit> kept = new ArrayList<>();
    private final List<long[]> skipped = new ArrayList<>(); // {timestamp, bytes}
    private final RtpPacketView view = new RtpPacketView();

    private final AccessUnitSink sink = new AccessUnitSink() {
        @Override
        public void onAccessUnit(AccessUnit accessUnit) {
            kept.add(accessUnit);
        }

        @Override
        public void onSkippedAccessUnit(long rtpTimestamp, int nalBytes) {
            skipped.add(new long[] {rtpTimestamp, nalBytes});
        }
    };

    /** Sends the packet through a pooled direct buffer, as the event loop does, and releases it after. */
    private void feed(Depacketizer d, RtpPacket packet) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            packet.encodeTo(buf);
            d.accept(view.parse(buf));
        } finally {
            assertThat(buf.release()).isTrue();
        }
    }

    private static int nalBytes(AccessUnit au) {
        return au.nalUnits().stream().mapToInt(n -> n.length).sum();
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void keepsKeyframesWholeAndReportsEveryOtherAccessUnitBySizeAndTimestamp(Codec codec) {
        TestClip clip = TestClips.shortClip(codec);
        for (boolean aggregate : new boolean[] {true, false}) {
            kept.clear();
            skipped.clear();
            Depacketizer d = Depacketizers.keyframesOnly(codec, clip.parameterSets(), DepacketizerLimits.DEFAULT, sink);
            Packetizer packetizer = Packetizers.forCodec(codec, 97, 1, 200, 0, aggregate);
            List<AccessUnit> keys = new ArrayList<>();
            List<long[]> others = new ArrayList<>();
            for (AccessUnit au : clip.accessUnits()) {
                if (au.keyframe()) {
                    keys.add(au);
                } else {
                    others.add(new long[] {au.rtpTimestamp(), nalBytes(au)});
                }
                for (RtpPacket pkt : packetizer.packetize(au, au.rtpTimestamp())) {
                    feed(d, pkt);
                }
            }
            assertThat(keys).isNotEmpty();
            assertThat(others).isNotEmpty();
            assertThat(kept).hasSameSizeAs(keys);
            for (int i = 0; i < keys.size(); i++) {
                assertThat(kept.get(i).keyframe()).isTrue();
                assertThat(kept.get(i).toAnnexB()).isEqualTo(keys.get(i).toAnnexB());
            }
            assertThat(skipped).usingElementComparator((a, b) -> a[0] == b[0] && a[1] == b[1] ? 0 : 1)
                    .containsExactlyElementsOf(others);
            assertThat(d.stats()).isEqualTo(new DepacketizerStats(d.stats().packets(), clip.accessUnits().size(),
                    0, 0, 0, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void fullModeThroughTheViewDeliversWhatTheCopyingPathDelivers(Codec codec) {
        TestClip clip = TestClips.shortClip(codec);
        List<AccessUnit> viaCopy = new ArrayList<>();
        Depacketizer copying = Depacketizers.forCodec(codec, null, DepacketizerLimits.DEFAULT, viaCopy::add);
        Depacketizer inPlace = Depacketizers.forCodec(codec, null, DepacketizerLimits.DEFAULT, kept::add);
        Packetizer packetizer = Packetizers.forCodec(codec, 97, 1, 300, 0, true);
        for (AccessUnit au : clip.accessUnits()) {
            for (RtpPacket pkt : packetizer.packetize(au, au.rtpTimestamp())) {
                copying.accept(pkt);
                feed(inPlace, pkt);
            }
        }
        assertThat(kept).hasSameSizeAs(clip.accessUnits()).hasSameSizeAs(viaCopy);
        for (int i = 0; i < kept.size(); i++) {
            assertThat(kept.get(i).toAnnexB()).isEqualTo(viaCopy.get(i).toAnnexB())
                    .isEqualTo(clip.accessUnits().get(i).toAnnexB());
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void aLostNonKeyframeFragmentDropsUpToTheNextKeyframe(Codec codec) {
        Depacketizer d = Depacketizers.keyframesOnly(codec, Nals.sets(codec), DepacketizerLimits.DEFAULT, sink);
        Packetizer packetizer = Packetizers.forCodec(codec, 96, 7, 100, 65_530, true);
        long[] stamps = {0, 3600, 7200, 10800, 14400, 18000};
        for (long ts : stamps) {
            boolean key = ts == 0 || ts == 14400;
            byte[] slice = key ? idr(codec, 300, (int) (ts / 3600)) : p(codec, 300, (int) (ts / 3600));
            List<RtpPacket> packets = packetizer.packetize(
                    new AccessUnit(codec, ts, List.of(slice), key), ts);
            for (int i = 0; i < packets.size(); i++) {
                if (ts == 3600 && i == 1) {
                    continue; // a middle fragment of a P frame is lost
                }
                feed(d, packets.get(i));
            }
        }
        assertThat(kept).extracting(AccessUnit::rtpTimestamp).containsExactly(0L, 14400L);
        assertThat(skipped).extracting(s -> s[0]).containsExactly(18000L);
        assertThat(d.sequenceGaps()).isEqualTo(1);
        assertThat(d.droppedAccessUnits()).isEqualTo(3);
        // The keyframes got the SDP's parameter sets back.
        assertThat(kept.get(1).nalUnits()).hasSize(codec == Codec.H264 ? 3 : 4);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void capsStillApplyToSkippedSlices(Codec codec) {
        Depacketizer d = Depacketizers.keyframesOnly(codec, Nals.sets(codec), new DepacketizerLimits(2000, 8), sink);
        Packetizer packetizer = Packetizers.forCodec(codec, 96, 7, 500, 0, true);
        for (RtpPacket pkt : packetizer.packetize(new AccessUnit(codec, 0, List.of(idr(codec, 500, 1)), true), 0)) {
            feed(d, pkt);
        }
        for (RtpPacket pkt : packetizer.packetize(new AccessUnit(codec, 3600, List.of(p(codec, 5000, 2)), false), 3600)) {
            feed(d, pkt);
        }
        assertThat(kept).hasSize(1);
        assertThat(skipped).isEmpty();
        assertThat(d.oversizeAccessUnits()).isEqualTo(1);
        assertThat(d.droppedAccessUnits()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void inBandParameterSetsBeforeASkippedPictureStillReachTheNextKeyframe(Codec codec) {
        Depacketizer d = Depacketizers.keyframesOnly(codec, Nals.sets(codec), DepacketizerLimits.DEFAULT, sink);
        byte[] newSps = codec == Codec.H264 ? Nals.nal(0x67, 0x64, 14, 0x55) : Nals.nal(0x42, 0x01, 22, 0x55);
        feed(d, new RtpPacket(true, 96, 1, 100, 1, idr(codec, 40, 1)));
        feed(d, new RtpPacket(false, 96, 2, 200, 1, newSps));
        feed(d, new RtpPacket(true, 96, 3, 200, 1, p(codec, 40, 2)));
        feed(d, new RtpPacket(true, 96, 4, 300, 1, idr(codec, 40, 3)));
        assertThat(skipped).extracting(s -> s[0], s -> s[1]).containsExactly(
                org.assertj.core.groups.Tuple.tuple(200L, (long) newSps.length + 40));
        assertThat(kept).hasSize(2);
        assertThat(kept.get(1).nalUnits()).contains(newSps).doesNotContain(Nals.sps(codec));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void garbageThroughTheViewIsCountedNeverThrown(Codec codec) {
        Depacketizer d = Depacketizers.keyframesOnly(codec, null, DepacketizerLimits.DEFAULT, sink);
        Random random = new Random(3);
        int seq = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] payload = new byte[random.nextInt(40)];
            random.nextBytes(payload);
            feed(d, new RtpPacket(random.nextBoolean(), 96, seq++ & 0xFFFF, random.nextInt(5) * 3000L, 1, payload));
        }
        assertThat(d.stats().malformedPackets()).isPositive();
        assertThat(d.stats().packets()).isEqualTo(5000);
        // No slice of a non-keyframe picture was kept (access units of other NAL units only still come through).
        assertThat(kept).allSatisfy(au -> assertThat(au.keyframe()
                || au.nalUnits().stream().noneMatch(n -> NalUnits.isVcl(codec, n))).isTrue());
        // And it recovers on a clean keyframe.
        kept.clear();
        feed(d, new RtpPacket(false, 96, seq++ & 0xFFFF, 99_000, 1, Nals.sps(codec)));
        feed(d, new RtpPacket(false, 96, seq++ & 0xFFFF, 99_000, 1, Nals.pps(codec)));
        if (codec == Codec.H265) {
            feed(d, new RtpPacket(false, 96, seq++ & 0xFFFF, 99_000, 1, Nals.vps(codec)));
        }
        feed(d, new RtpPacket(true, 96, seq & 0xFFFF, 99_000, 1, idr(codec, 40, 1)));
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).keyframe()).isTrue();
    }
}
