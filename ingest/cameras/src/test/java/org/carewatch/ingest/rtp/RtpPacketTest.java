package org.carewatch.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void encodeParseRoundTripWithCsrcsAndExtension() {
        RtpPacket p = new RtpPacket(true, 96, 65535, 0xFFFF_FFFFL, 0xDEAD_BEEFL, new long[] {1, 0xFFFF_FFFFL},
                new RtpPacket.Extension(0xBEDE, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), new byte[] {9, 8, 7});
        byte[] wire = p.encode();
        assertThat(wire).hasSize(12 + 8 + 4 + 8 + 3);
        assertThat(wire[0] & 0xFF).isEqualTo(0x80 | 0x10 | 2);
        RtpPacket back = RtpPacket.parse(wire);
        assertThat(back).isEqualTo(p);
        assertThat(back.csrcs()).containsExactly(1, 0xFFFF_FFFFL);
        assertThat(back.extension().profile()).isEqualTo(0xBEDE);
    }

    @Test
    void parsesFromByteBufWithoutConsumingIt() {
        RtpPacket p = new RtpPacket(false, 0, 1, 2, 3, new byte[] {1});
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {42}, p.encode());
        buf.readByte();
        RtpPacket back = RtpPacket.parse(buf);
        assertThat(back).isEqualTo(p);
        assertThat(buf.readerIndex()).isEqualTo(1);
        ByteBuf out = Unpooled.buffer();
        p.encodeTo(out);
        assertThat(RtpPacket.parse(out)).isEqualTo(p);
        buf.release();
        out.release();
    }

    @Test
    void paddingIsRemoved() {
        byte[] wire = new RtpPacket(false, 96, 5, 6, 7, new byte[] {1, 2, 3, 0, 0, 3}).encode();
        wire[0] |= 0x20;
        RtpPacket p = RtpPacket.parse(wire);
        assertThat(p.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void malformedBytesAreRejectedClearly() {
        assertThatThrownBy(() -> RtpPacket.parse(new byte[11])).isInstanceOf(MalformedRtpException.class)
                .hasMessageContaining("shorter");
        byte[] v1 = new RtpPacket(false, 96, 1, 1, 1, new byte[4]).encode();
        v1[0] = (byte) 0x40;
        assertThatThrownBy(() -> RtpPacket.parse(v1)).isInstanceOf(MalformedRtpException.class)
                .hasMessageContaining("version");
        byte[] csrc = new RtpPacket(false, 96, 1, 1, 1, new byte[4]).encode();
        csrc[0] |= 0x0F;
        assertThatThrownBy(() -> RtpPacket.parse(csrc)).isInstanceOf(MalformedRtpException.class)
                .hasMessageContaining("CSRC");
        byte[] ext = new RtpPacket(false, 96, 1, 1, 1, new byte[] {0, 0, 0, 9}).encode();
        ext[0] |= 0x10;
        assertThatThrownBy(() -> RtpPacket.parse(ext)).isInstanceOf(MalformedRtpException.class)
                .hasMessageContaining("extension");
        byte[] pad = new RtpPacket(false, 96, 1, 1, 1, new byte[] {1, 2, 50}).encode();
        pad[0] |= 0x20;
        assertThatThrownBy(() -> RtpPacket.parse(pad)).isInstanceOf(MalformedRtpException.class)
                .hasMessageContaining("padding");
    }

    @Test
    void randomBytesNeverThrowAnythingElse() {
        Random random = new Random(1);
        int parsed = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[random.nextInt(64)];
            random.nextBytes(b);
            if (random.nextBoolean() && b.length > 0) {
                b[0] = (byte) (0x80 | (b[0] & 0x3F));
            }
            try {
                RtpPacket p = RtpPacket.parse(b);
                assertThat(p.encodedSize()).isLessThanOrEqualTo(b.length);
                parsed++;
            } catch (MalformedRtpException expected) {
                // fine
            }
        }
        assertThat(parsed).isPositive();
    }

    @Test
    void constructorRejectsOutOfRangeFields() {
        assertThatThrownBy(() -> new RtpPacket(false, 128, 0, 0, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpPacket(false, 0, 65536, 0, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpPacket(false, 0, 0, 1L << 32, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
