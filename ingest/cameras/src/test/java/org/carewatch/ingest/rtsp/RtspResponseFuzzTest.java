package org.carewatch.ingest.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzzes what a camera's TCP connection delivers: the client's inbound pipeline ({@link InterleavedFrameSplitter},
 * Netty's RTSP decoder and aggregator, {@link RtspCodecs}) fed arbitrary bytes in arbitrary pieces, then the
 * headers the client reads from each response ({@link TransportHeader}, {@link SessionHeader},
 * {@link AuthChallenge}, CSeq). The only failure allowed is Netty's {@link DecoderException} (the connection
 * is then closed); messages and frames stay within the codec's limits. Regression mode in every build,
 * {@code JAZZER_FUZZ=1} to fuzz (README "Fuzzing").
 */
class RtspResponseFuzzTest {

    /** Byte 0 sets the piece size the bytes arrive in (1-256); the rest is the stream. */
    @FuzzTest(maxDuration = "2m")
    void inboundStream(byte[] input) {
        if (input.length < 1) {
            return;
        }
        int piece = Byte.toUnsignedInt(input[0]) + 1;
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        EmbeddedChannel ch = new EmbeddedChannel();
        RtspCodecs.install(ch.pipeline());
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                try {
                    if (msg instanceof FullHttpResponse r) {
                        readLikeTheClient(RtspResponse.copyOf(r));
                    } else if (msg instanceof FullHttpMessage m) {
                        assertThat(m.content().readableBytes()).isLessThanOrEqualTo(RtspCodecs.MAX_MESSAGE_BODY);
                    } else if (msg instanceof InterleavedFrame f) {
                        assertThat(f.content().readableBytes()).isLessThanOrEqualTo(65535);
                    }
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
        });
        try {
            for (int at = 0; at < stream.length && ch.isOpen(); at += piece) {
                ch.writeInbound(Unpooled.wrappedBuffer(stream, at, Math.min(piece, stream.length - at)));
            }
            ch.finishAndReleaseAll();
        } catch (DecoderException expected) {
            // malformed framing: the client closes the connection
        } finally {
            ch.close();
        }
    }

    /** Header values as a camera may send them: parsing never throws, whatever the text. */
    @FuzzTest(maxDuration = "2m")
    void headers(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        TransportHeader.parse(text);
        SessionHeader.parse(text).ifPresent(s -> assertThat(s.timeout()).isPositive());
        AuthChallenge.parse(text);
    }

    private static void readLikeTheClient(RtspResponse r) {
        assertThat(r.body().length).isLessThanOrEqualTo(RtspCodecs.MAX_MESSAGE_BODY);
        String cseq = r.header(RtspHeader.CSEQ);
        if (cseq != null) {
            try {
                Integer.parseInt(cseq.trim());
            } catch (NumberFormatException ignored) {
                // the client falls back to the oldest pending request
            }
        }
        String transport = r.header("Transport");
        if (transport != null) {
            TransportHeader.parse(transport);
        }
        String session = r.header("Session");
        if (session != null) {
            SessionHeader.parse(session);
        }
        for (String challenge : r.all("WWW-Authenticate")) {
            AuthChallenge.parse(challenge);
        }
        r.bodyText();
    }
}
