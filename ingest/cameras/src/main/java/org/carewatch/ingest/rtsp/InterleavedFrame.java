package org.carewatch.ingest.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One RTP or RTCP packet carried inside the RTSP TCP connection (RFC 2326 §10.12):
 * {@code '$' channel length(16 bit) payload}. The holder owns {@link #content()}; release it when done.
 */
public final class InterleavedFrame extends DefaultByteBufHolder {

    public static final int MAX_PAYLOAD = 0xFFFF;

    private final int channel;

    public InterleavedFrame(int channel, ByteBuf payload) {
        super(payload);
        if (channel < 0 || channel > 255) {
            throw new IllegalArgumentException("interleaved channel out of range: " + channel);
        }
        if (payload.readableBytes() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("interleaved payload too large: " + payload.readableBytes());
        }
        this.channel = channel;
    }

    public int channel() {
        return channel;
    }

    @Override
    public InterleavedFrame replace(ByteBuf content) {
        return new InterleavedFrame(channel, content);
    }

    @Override
    public InterleavedFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public InterleavedFrame retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public String toString() {
        return "InterleavedFrame(channel=" + channel + ", bytes=" + content().readableBytes() + ")";
    }
}
