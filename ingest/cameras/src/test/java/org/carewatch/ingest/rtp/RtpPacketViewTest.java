package org.carewatch.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpPacketViewTest {

    private final RtpPacketView view = new RtpPacketView();

    @Test
    void readsHeaderAndFindsPayloadInPlaceWithoutMovingTheReaderIndex() {
        RtpPacket p = new RtpPacket(true, 96, 65535, 0xFFFF_FFFFL, 0xDEAD_BEEFL, new long[] {7},
                new RtpPacket.Extension(0xBEDE, new byte[] {1, 2, 3, 4}), new byte[] {9, 8, 7});
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            buf.writeByte(42);
            p.encodeTo(buf);
            buf.readByte();
            view.parse(buf);
            assertThat(buf.readerIndex()).isEqualTo(1);
            assertThat(view.marker()).isTrue();
            assertThat(view.payloadType()).isEqualTo(96);
            assertThat(view.sequenceNumber()).isEqualTo(65535);
            assertThat(view.timestamp()).isEqualTo(0xFFFF_FFFFL);
            assertThat(view.ssrc()).isEqualTo(0xDEAD_BEEFL);
            assertThat(view.buffer()).isSameAs(buf);
            assertThat(view.payloadIndex()).isEqualTo(1 + 12 + 4 + 8);
            assertThat(view.payloadLength()).isEqualTo(3);
            assertThat(view.copyPayload()).containsExactly(9, 8, 7);
            assertThat(view.toPacket()).isEqualTo(p);
            assertThat(buf.refCnt()).isEqualTo(1); // neither retained nor released
        } finally {
            buf.release();
        }
    }

    @Test
    void paddingIsLeftOutOfThePayload() {
        byte[] wire = new RtpPacket(false, 0, 1, 2, 3, new byte[] {5, 6}).encode();
        byte[] padded = java.util.Arrays.copyOf(wire, wire.length + 3);
        padded[0] |= 0x20;
        padded[padded.length - 1] = 3;
        view.parse(Unpooled.wrappedBuffer(padded));
        assertThat(view.payloadLength()).isEqualTo(2);
        assertThat(view.copyPayload()).containsExactly(5, 6);
    }

    @Test
    void aFailedParseLeavesTheViewEmpty() {
        view.parse(Unpooled.wrappedBuffer(new RtpPacket(false, 0, 1, 2, 3, new byte[] {1}).encode()));
        assertThatThrownBy(() -> view.parse(Unpooled.wrappedBuffer(new byte[11])))
                .isInstanceOf(MalformedRtpException.class).hasMessageContaining("shorter than 12");
        assertThatThrownBy(view::payloadLength).isInstanceOf(IllegalStateException.class);
        assertThat(view).hasToString("RtpPacketView[empty]");
    }

    @Test
    void acceptsAndRejectsExactlyWhatTheCopyingParserDoes() {
        Random random = new Random(11);
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[random.nextInt(48)];
            random.nextBytes(b);
            if (random.nextBoolean() && b.length > 0) {
                b[0] = (byte) (0x80 | (b[0] & 0x3F)); // version 2, so deeper checks are reached
            }
            RtpPacket copied;
            try {
                copied = RtpPacket.parse(b);
            } catch (MalformedRtpException e) {
                assertThatThrownBy(() -> view.parse(Unpooled.wrappedBuffer(b)))
                        .isInstanceOf(MalformedRtpException.class).hasMessage(e.getMessage());
                continue;
            }
            accepted++;
            view.parse(Unpooled.wrappedBuffer(b));
            assertThat(view.toPacket()).isEqualTo(copied);
            assertThat(view.payloadLength()).isEqualTo(copied.payload().length);
        }
        assertThat(accepted).isPositive();
    }
}
