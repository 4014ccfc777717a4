package org.carewatch.ingest.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@link InterleavedFrame}s as {@code '$' channel length payload}. */
@ChannelHandler.Sharable
public final class InterleavedFrameEncoder extends MessageToByteEncoder<InterleavedFrame> {

    public static final InterleavedFrameEncoder INSTANCE = new InterleavedFrameEncoder();

    private InterleavedFrameEncoder() {
        super(InterleavedFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, InterleavedFrame frame, ByteBuf out) {
        ByteBuf payload = frame.content();
        out.ensureWritable(4 + payload.readableBytes());
        out.writeByte('$');
        out.writeByte(frame.channel());
        out.writeShort(payload.readableBytes());
        out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
    }
}
