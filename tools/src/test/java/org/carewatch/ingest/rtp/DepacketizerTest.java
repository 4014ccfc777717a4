package org.carewatch.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carewatch.ingest.rtp.Nals.idr;
import static org.carewatch.ingest.rtp.Nals.p;
import static org.carewatch.ingest.rtp.Nals.pps;
import static org.carewatch.ingest.rtp.Nals.sps;
import static org.carewatch.ingest.rtp.Nals.vps;

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

class DepacketizerTest {

    private final List<AccessUnit> out = new ArrayList<>();

    private Depacketizer depacketizer(Codec codec) {
        return Depacketizers.forCodec(codec, null, DepacketizerLimits.DEFAULT, out::add);
    }

    private static List<byte[]> keyframeNals(Codec codec, byte[] slice) {
        List<byte[]> nals = new ArrayList<>();
        if (codec == Codec.H265) {
            nals.add(vps(codec));
        }
        nals.add(sps(codec));
        nals.add(pps(codec));
        nals.add(slice);
        return nals;
    }

    private static AccessUnit au(Codec codec, long ts, List<byte[]> nals) {
        return new AccessUnit(codec, ts, nals, NalUnits.containsKeyframe(codec, nals));
    }

    private static void assertSameNals(AccessUnit actual, List<byte[]> expected) {
        assertThat(actual.nalUnits()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.nalUnits().get(i)).as("NAL %d", i).isEqualTo(expected.get(i));
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void generatedClipRoundTripsAtSmallMtuWithAndWithoutAggregation(Codec codec) {
        TestClip clip = TestClips.shortClip(codec);
        for (boolean aggregate : new boolean[] {true, false}) {
            out.clear();
            Packetizer packetizer = Packetizers.forCodec(codec, 97, 1, 200, 0, aggregate);
            Depacketizer d = depacketizer(codec);
            int aggregates = 0;
            int fragments = 0;
            for (AccessUnit au : clip.accessUnits()) {
                List<RtpPacket> packets = packetizer.packetize(au, au.rtpTimestamp());
                assertThat(packets.get(packets.size() - 1).marker()).isTrue();
                assertThat(packets.subList(0, packets.size() - 1)).noneMatch(RtpPacket::marker);
                for (RtpPacket pkt : packets) {
                    assertThat(pkt.encodedSize()).isLessThanOrEqualTo(200);
                    int type = codec == Codec.H264 ? pkt.payload()[0] & 0x1F : (pkt.payload()[0] >> 1) & 0x3F;
                    aggregates += type == (codec == Codec.H264 ? 24 : 48) ? 1 : 0;
                    fragments += type == (codec == Codec.H264 ? 28 : 49) ? 1 : 0;
                    d.accept(RtpPacket.parse(pkt.encode()));
                }
            }
            assertThat(aggregates > 0).isEqualTo(aggregate);
            assertThat(fragments).isPositive();
            assertThat(out).hasSameSizeAs(clip.accessUnits());
            for (int i = 0; i < out.size(); i++) {
                assertThat(out.get(i).toAnnexB()).isEqualTo(clip.accessUnits().get(i).toAnnexB());
                assertThat(out.get(i).keyframe()).isEqualTo(clip.accessUnits().get(i).keyframe());
            }
            assertThat(d.stats()).isEqualTo(new DepacketizerStats(d.stats().packets(), out.size(), 0, 0, 0, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void handBuiltAggregationPacketThenSingleNal(Codec codec) {
        Depacketizer d = depacketizer(codec);
        List<byte[]> sets = new ArrayList<>(keyframeNals(codec, idr(codec, 40, 7)));
        byte[] slice = sets.remove(sets.size() - 1);
        int headerLen = codec == Codec.H264 ? 1 : 2;
        int size = headerLen;
        for (byte[] n : sets) {
            size += 2 + n.length;
        }
        byte[] agg = new byte[size];
        if (codec == Codec.H264) {
            agg[0] = 0x78; // NRI 3, type 24
        } else {
            agg[0] = (byte) (48 << 1);
            agg[1] = 0x01;
        }
        int o = headerLen;
        for (byte[] n : sets) {
            agg[o++] = (byte) (n.length >> 8);
            agg[o++] = (byte) n.length;
            System.arraycopy(n, 0, agg, o, n.length);
            o += n.length;
        }
        d.accept(new RtpPacket(false, 96, 10, 1000, 1, agg));
        d.accept(new RtpPacket(true, 96, 11, 1000, 1, slice));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).keyframe()).isTrue();
        assertThat(out.get(0).rtpTimestamp()).isEqualTo(1000);
        assertSameNals(out.get(0), keyframeNals(codec, slice));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void fragmentWithStartAndEndBothSetIsTolerated(Codec codec) {
        Depacketizer d = depacketizer(codec);
        byte[] slice = idr(codec, 30, 9);
        byte[] fu;
        if (codec == Codec.H264) {
            fu = new byte[2 + slice.length - 1];
            fu[0] = (byte) ((slice[0] & 0xE0) | 28);
            fu[1] = (byte) (0xC0 | (slice[0] & 0x1F));
            System.arraycopy(slice, 1, fu, 2, slice.length - 1);
        } else {
            fu = new byte[3 + slice.length - 2];
            fu[0] = (byte) ((slice[0] & 0x81) | (49 << 1));
            fu[1] = slice[1];
            fu[2] = (byte) (0xC0 | ((slice[0] >> 1) & 0x3F));
            System.arraycopy(slice, 2, fu, 3, slice.length - 2);
        }
        List<byte[]> sets = keyframeNals(codec, slice).subList(0, codec == Codec.H264 ? 2 : 3);
        int seq = 100;
        for (byte[] n : sets) {
            d.accept(new RtpPacket(false, 96, seq++, 5, 1, n));
        }
        d.accept(new RtpPacket(true, 96, seq, 5, 1, fu));
        assertThat(out).hasSize(1);
        assertSameNals(out.get(0), keyframeNals(codec, slice));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void missingMarkerSplitsAccessUnitsByTimestamp(Codec codec) {
        Depacketizer d = depacketizer(codec);
        List<byte[]> key = keyframeNals(codec, idr(codec, 50, 1));
        int seq = 0;
        for (byte[] n : key) {
            d.accept(new RtpPacket(false, 96, seq++, 3000, 1, n)); // never a marker
        }
        assertThat(out).isEmpty();
        byte[] p1 = p(codec, 20, 2);
        d.accept(new RtpPacket(false, 96, seq++, 6000, 1, p1));
        assertThat(out).hasSize(1);
        assertSameNals(out.get(0), key);
        assertThat(out.get(0).rtpTimestamp()).isEqualTo(3000);
        byte[] p2 = p(codec, 20, 3);
        d.accept(new RtpPacket(true, 96, seq, 9000, 1, p2));
        assertThat(out).hasSize(3);
        assertSameNals(out.get(1), List.of(p1));
        assertThat(out.get(1).keyframe()).isFalse();
        assertSameNals(out.get(2), List.of(p2));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void gapDropsTheDamagedAccessUnitAndWaitsForTheNextKeyframe(Codec codec) {
        Packetizer packetizer = Packetizers.forCodec(codec, 96, 7, 100, 65_530, true);
        Depacketizer d = depacketizer(codec);
        List<AccessUnit> stream = List.of(
                au(codec, 0, keyframeNals(codec, idr(codec, 300, 1))),
                au(codec, 3600, List.of(p(codec, 300, 2))), // loses a middle fragment
                au(codec, 7200, List.of(p(codec, 50, 3))),
                au(codec, 10800, List.of(p(codec, 300, 4))),
                au(codec, 14400, keyframeNals(codec, idr(codec, 300, 5))),
                au(codec, 18000, List.of(p(codec, 300, 6))));
        for (AccessUnit au : stream) {
            List<RtpPacket> packets = packetizer.packetize(au, au.rtpTimestamp());
            for (int i = 0; i < packets.size(); i++) {
                if (au.rtpTimestamp() == 3600 && i == 1) {
                    continue;
                }
                d.accept(packets.get(i));
            }
        }
        assertThat(out).extracting(AccessUnit::rtpTimestamp).containsExactly(0L, 14400L, 18000L);
        assertThat(d.sequenceGaps()).isEqualTo(1);
        assertThat(d.droppedAccessUnits()).isEqualTo(3); // the damaged one and the two P frames after it
        assertThat(out.get(1).toAnnexB()).isEqualTo(stream.get(4).toAnnexB());
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void lostFirstFragmentDamagesTheAccessUnitAndLateDuplicatesAreIgnored(Codec codec) {
        Packetizer packetizer = Packetizers.forCodec(codec, 96, 7, 100, 0, false);
        Depacketizer d = depacketizer(codec);
        AccessUnit key = au(codec, 0, keyframeNals(codec, idr(codec, 250, 1)));
        List<RtpPacket> packets = packetizer.packetize(key, 0);
        for (RtpPacket pkt : packets) {
            d.accept(pkt);
            d.accept(pkt); // duplicate: ignored
        }
        assertThat(out).hasSize(1);
        assertThat(d.sequenceGaps()).isZero();

        AccessUnit key2 = au(codec, 3600, keyframeNals(codec, idr(codec, 250, 2)));
        List<RtpPacket> second = packetizer.packetize(key2, 3600);
        int firstFu = second.size() - 3; // 250 bytes at MTU 100: three fragments
        for (int i = 0; i < second.size(); i++) {
            if (i != firstFu) {
                d.accept(second.get(i));
            }
        }
        assertThat(out).hasSize(1);
        assertThat(d.droppedAccessUnits()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void streamStartingMidGopWaitsForAKeyframe(Codec codec) {
        Depacketizer d = depacketizer(codec);
        d.accept(new RtpPacket(true, 96, 1, 100, 1, p(codec, 30, 1)));
        d.accept(new RtpPacket(true, 96, 2, 200, 1, p(codec, 30, 2)));
        assertThat(out).isEmpty();
        List<byte[]> key = keyframeNals(codec, idr(codec, 30, 3));
        int seq = 3;
        for (int i = 0; i < key.size(); i++) {
            d.accept(new RtpPacket(i == key.size() - 1, 96, seq++, 300, 1, key.get(i)));
        }
        assertThat(out).hasSize(1);
        assertThat(out.get(0).keyframe()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void keyframeWithoutParameterSetsGetsThemFromTheSdp(Codec codec) {
        Depacketizer d = Depacketizers.forCodec(codec, Nals.sets(codec), DepacketizerLimits.DEFAULT, out::add);
        byte[] slice = idr(codec, 40, 4);
        d.accept(new RtpPacket(true, 96, 1, 100, 1, slice));
        assertThat(out).hasSize(1);
        assertSameNals(out.get(0), keyframeNals(codec, slice));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void inBandParameterSetsReplaceTheSdpOnes(Codec codec) {
        Depacketizer d = Depacketizers.forCodec(codec, Nals.sets(codec), DepacketizerLimits.DEFAULT, out::add);
        byte[] newSps = codec == Codec.H264 ? Nals.nal(0x67, 0x64, 14, 0x55) : Nals.nal(0x42, 0x01, 22, 0x55);
        List<byte[]> first = new ArrayList<>(keyframeNals(codec, idr(codec, 40, 4)));
        first.set(codec == Codec.H264 ? 0 : 1, newSps);
        int seq = 1;
        for (int i = 0; i < first.size(); i++) {
            d.accept(new RtpPacket(i == first.size() - 1, 96, seq++, 100, 1, first.get(i)));
        }
        byte[] bare = idr(codec, 40, 5);
        d.accept(new RtpPacket(true, 96, seq, 200, 1, bare));
        assertThat(out).hasSize(2);
        assertThat(out.get(1).nalUnits()).contains(newSps).doesNotContain(sps(codec));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void capsDropOversizeAccessUnits(Codec codec) {
        Depacketizer d = Depacketizers.forCodec(codec, Nals.sets(codec), new DepacketizerLimits(2000, 8), out::add);
        Packetizer packetizer = Packetizers.forCodec(codec, 96, 7, 500, 0, true);
        // Too many bytes (reassembled FU over the cap).
        for (RtpPacket pkt : packetizer.packetize(au(codec, 0, keyframeNals(codec, idr(codec, 5000, 1))), 0)) {
            d.accept(pkt);
        }
        // Too many NAL units.
        List<byte[]> many = new ArrayList<>(keyframeNals(codec, idr(codec, 20, 2)));
        for (int i = 0; i < 10; i++) {
            many.add(idr(codec, 20, 3));
        }
        for (RtpPacket pkt : packetizer.packetize(au(codec, 3600, many), 3600)) {
            d.accept(pkt);
        }
        assertThat(out).isEmpty();
        assertThat(d.oversizeAccessUnits()).isEqualTo(2);
        assertThat(d.droppedAccessUnits()).isEqualTo(2);
        // A keyframe within the caps still comes through.
        for (RtpPacket pkt : packetizer.packetize(au(codec, 7200, keyframeNals(codec, idr(codec, 1000, 4))), 7200)) {
            d.accept(pkt);
        }
        assertThat(out).hasSize(1);
        assertThat(out.get(0).rtpTimestamp()).isEqualTo(7200);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void garbagePayloadsAreCountedNeverThrown(Codec codec) {
        Depacketizer d = depacketizer(codec);
        Random random = new Random(7);
        int seq = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] payload = new byte[random.nextInt(40)];
            random.nextBytes(payload);
            d.accept(new RtpPacket(random.nextBoolean(), 96, seq++ & 0xFFFF, random.nextInt(5) * 3000L, 1, payload));
        }
        assertThat(d.stats().malformedPackets()).isPositive();
        assertThat(d.stats().packets()).isEqualTo(5000);
        // Whatever came out is well-formed.
        assertThat(out).allSatisfy(au -> assertThat(au.nalUnits()).allSatisfy(n -> assertThat(n).isNotEmpty()));
        // And the depacketizer recovers on a clean keyframe.
        out.clear();
        List<byte[]> key = keyframeNals(codec, idr(codec, 40, 1));
        for (int i = 0; i < key.size(); i++) {
            d.accept(new RtpPacket(i == key.size() - 1, 96, seq++ & 0xFFFF, 99_000, 1, key.get(i)));
        }
        assertThat(out).hasSize(1);
        assertSameNals(out.get(0), key);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void consumerFailureDoesNotBreakTheDepacketizer(Codec codec) {
        List<AccessUnit> seen = new ArrayList<>();
        Depacketizer d = Depacketizers.forCodec(codec, Nals.sets(codec), DepacketizerLimits.DEFAULT, au -> {
            seen.add(au);
            throw new IllegalStateException("consumer bug");
        });
        d.accept(new RtpPacket(true, 96, 1, 100, 1, idr(codec, 40, 1)));
        d.accept(new RtpPacket(true, 96, 2, 200, 1, p(codec, 40, 1)));
        assertThat(seen).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void sequenceJumpBackwardsResynchronisesInsteadOfStalling(Codec codec) {
        Depacketizer d = Depacketizers.forCodec(codec, Nals.sets(codec), DepacketizerLimits.DEFAULT, out::add);
        d.accept(new RtpPacket(true, 96, 40_000, 100, 1, idr(codec, 40, 1)));
        d.accept(new RtpPacket(true, 96, 40_001, 200, 1, p(codec, 40, 2)));
        // The camera restarts its session with a lower sequence number.
        d.accept(new RtpPacket(true, 96, 10, 300, 1, idr(codec, 40, 3)));
        d.accept(new RtpPacket(true, 96, 11, 400, 1, p(codec, 40, 4)));
        d.accept(new RtpPacket(true, 96, 12, 500, 1, idr(codec, 40, 5)));
        d.accept(new RtpPacket(true, 96, 13, 600, 1, p(codec, 40, 6)));
        // What follows a jump may have lost its first packets, so it is dropped up to the next keyframe.
        assertThat(out).extracting(AccessUnit::rtpTimestamp).containsExactly(100L, 200L, 500L, 600L);
        assertThat(d.sequenceGaps()).isEqualTo(1);
        assertThat(d.droppedAccessUnits()).isEqualTo(2);
    }
}
