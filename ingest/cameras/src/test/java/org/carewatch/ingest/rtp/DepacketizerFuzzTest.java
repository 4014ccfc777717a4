package org.carewatch.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;

/**
 * Fuzzes RTP as cameras send it: {@link RtpPacket#parse} and {@link RtpPacketView#parse} throw only
 * {@link MalformedRtpException}; the H.264 and H.265 depacketizers (full and keyframes-only) never throw on
 * any sequence of packets and never deliver an access unit beyond their limits (bounded memory).
 * Regression mode in every build, {@code JAZZER_FUZZ=1} to fuzz (README "Fuzzing").
 */
class DepacketizerFuzzTest {
    private static final DepacketizerLimits LIMITS = new DepacketizerLimits(64 * 1024, 64);

    /**
     * Byte 0: bit 0 the codec (H.264/H.265), bit 1 full or keyframes-only, bit 2 whether packets go through
     * {@link RtpPacketView} (no copy) or {@link RtpPacket}. Then packets, each a 2-byte big-endian length and
     * that many bytes.
     */
    @FuzzTest(maxDuration = "2m")
    void packets(byte[] input) {
        if (input.length < 1) {
            return;
        }
        Codec codec = (input[0] & 1) == 0 ? Codec.H264 : Codec.H265;
        boolean keyframesOnly = (input[0] & 2) != 0;
        boolean view = (input[0] & 4) != 0;
        Depacketizer d = keyframesOnly
                ? Depacketizers.keyframesOnly(codec, null, LIMITS, new AccessUnitSink() {
                    @Override
                    public void onAccessUnit(AccessUnit au) {
                        check(au);
                    }

                    @Override
                    public void onSkippedAccessUnit(long rtpTimestamp, int nalBytes) {
                        assertThat(nalBytes).isBetween(0, LIMITS.maxAccessUnitBytes());
                    }
                })
                : Depacketizers.forCodec(codec, null, LIMITS, DepacketizerFuzzTest::check);
        RtpPacketView reusable = new RtpPacketView();
        int at = 1;
        while (at + 2 <= input.length) {
            int len = ((input[at] & 0xff) << 8) | (input[at + 1] & 0xff);
            at += 2;
            byte[] packet = Arrays.copyOfRange(input, at, Math.min(input.length, at + len));
            at += len;
            try {
                if (view) {
                    ByteBuf buf = Unpooled.wrappedBuffer(packet);
                    try {
                        d.accept(reusable.parse(buf));
                    } finally {
                        buf.release();
                    }
                } else {
                    d.accept(RtpPacket.parse(packet));
                }
            } catch (MalformedRtpException expected) {
                // not an RTP packet: the receiver drops it
            }
        }
        d.stats();
    }

    private static void check(AccessUnit au) {
        assertThat(au.byteSize()).isLessThanOrEqualTo(LIMITS.maxAccessUnitBytes() + 1024); // parameter sets may be re-inserted
        assertThat(au.nalUnits().size()).isLessThanOrEqualTo(LIMITS.maxNalUnitsPerAccessUnit() + 4);
    }
}
