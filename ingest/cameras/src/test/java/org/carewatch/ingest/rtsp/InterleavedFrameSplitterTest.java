package org.carewatch.ingest.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspVersions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class InterleavedFrameSplitterTest {

    private static byte[] frame(int channel, int length) {
        byte[] b = new byte[4 + length];
        b[0] = '$';
        b[1] = (byte) channel;
        b[2] = (byte) (length >> 8);
        b[3] = (byte) length;
        for (int i = 0; i < length; i++) {
            b[4 + i] = (byte) i;
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    private static final String SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\n";

    private static byte[] describeResponse() {
        return ("RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\ncontent-length: "
                + SDP.length() + "\r\n\r\n" + SDP).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<Object> feedByteByByte(EmbeddedChannel ch, byte[] bytes) {
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }

    @Test
    void framesAndResponsesInterleavedAreSeparatedEvenWhenSplitAcrossReads() {
        EmbeddedChannel ch = new EmbeddedChannel();
        RtspCodecs.install(ch.pipeline());
        byte[] stream = concat(frame(0, 300), describeResponse(), frame(1, 0), frame(0, 5),
                "RTSP/1.0 200 OK\r\nCSeq: 3\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), frame(2, 1));
        List<Object> out = feedByteByByte(ch, stream);

        assertThat(out).hasSize(6);
        assertThat(((InterleavedFrame) out.get(0)).channel()).isZero();
        assertThat(((InterleavedFrame) out.get(0)).content().readableBytes()).isEqualTo(300);
        FullHttpResponse describe = (FullHttpResponse) out.get(1);
        assertThat(describe.headers().get(RtspHeaderNames.CSEQ)).isEqualTo("2");
        assertThat(describe.content().toString(StandardCharsets.UTF_8)).isEqualTo(SDP);
        assertThat(((InterleavedFrame) out.get(2)).channel()).isEqualTo(1);
        assertThat(((InterleavedFrame) out.get(3)).content().getByte(4)).isEqualTo((byte) 4);
        assertThat(((FullHttpResponse) out.get(4)).headers().get(RtspHeaderNames.CSEQ)).isEqualTo("3");
        assertThat(((InterleavedFrame) out.get(5)).channel()).isEqualTo(2);
        out.forEach(io.netty.util.ReferenceCountUtil::release);
        ch.finishAndReleaseAll();
    }

    @Test
    void allInOneBufferGivesTheSameResult() {
        EmbeddedChannel ch = new EmbeddedChannel();
        RtspCodecs.install(ch.pipeline());
        ch.writeInbound(Unpooled.wrappedBuffer(concat(describeResponse(), frame(0, 10), describeResponse())));
        Object a = ch.readInbound();
        Object b = ch.readInbound();
        Object c = ch.readInbound();
        assertThat(a).isInstanceOf(FullHttpResponse.class);
        assertThat(b).isInstanceOf(InterleavedFrame.class);
        assertThat(c).isInstanceOf(FullHttpResponse.class);
        io.netty.util.ReferenceCountUtil.release(a);
        io.netty.util.ReferenceCountUtil.release(b);
        io.netty.util.ReferenceCountUtil.release(c);
        ch.finishAndReleaseAll();
    }

    @Test
    void endlessHeaderIsRejectedNotBuffered() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameSplitter(64, 1024));
        byte[] junk = "RTSP/1.0 200 OK\r\nX: ".concat("a".repeat(100)).getBytes(StandardCharsets.ISO_8859_1);
        Assertions.assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(junk)))
                .isInstanceOf(DecoderException.class).hasMessageContaining("longer than 64");
        ch.finishAndReleaseAll();
    }

    @Test
    void hostileContentLengthIsRejected() {
        for (String length : new String[] {"-5", "99999999999", "abc", "2000"}) {
            EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameSplitter(1024, 1024));
            byte[] msg = ("RTSP/1.0 200 OK\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            Assertions.assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(msg)))
                    .isInstanceOf(DecoderException.class);
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void encoderWritesFramesAndRequestsOnTheSameConnection() {
        EmbeddedChannel ch = new EmbeddedChannel();
        RtspCodecs.install(ch.pipeline());
        ch.writeOutbound(new InterleavedFrame(1, Unpooled.wrappedBuffer(new byte[] {9, 8, 7})));
        DefaultFullHttpRequest req = new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, RtspMethods.OPTIONS, "rtsp://h/x");
        req.headers().set(RtspHeader.CSEQ, "1");
        ch.writeOutbound(req);
        ByteBuf first = ch.readOutbound();
        byte[] f = new byte[first.readableBytes()];
        first.readBytes(f);
        first.release();
        assertThat(f).containsExactly('$', 1, 0, 3, 9, 8, 7);
        StringBuilder text = new StringBuilder();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            text.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        assertThat(text.toString()).startsWith("OPTIONS rtsp://h/x RTSP/1.0\r\n").contains("CSeq: 1");
        ch.finishAndReleaseAll();
    }
}
