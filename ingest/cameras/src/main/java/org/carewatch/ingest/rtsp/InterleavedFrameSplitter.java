package org.carewatch.ingest.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Splits one RTSP TCP byte stream into {@link InterleavedFrame}s and whole RTSP messages.
 *
 * <p>RTSP responses/requests and {@code $}-frames share the connection. Netty's {@code RtspDecoder} keeps
 * state across reads and would swallow a {@code $} frame as part of a message, so this decoder runs first:
 * at a message boundary a leading {@code '$'} starts a frame; anything else is an RTSP message whose
 * header ends at CRLFCRLF and whose body length is its Content-Length. Complete messages are passed on
 * as one {@link ByteBuf} for the {@code RtspDecoder}; frames as {@link InterleavedFrame}.
 */
public final class InterleavedFrameSplitter extends ByteToMessageDecoder {

    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final int maxHeaderBytes;
    private final int maxBodyBytes;

    public InterleavedFrameSplitter() {
        this(16 * 1024, 256 * 1024);
    }

    public InterleavedFrameSplitter(int maxHeaderBytes, int maxBodyBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            byte first = in.getByte(start);
            if (first == '$') {
                if (in.readableBytes() < 4) {
                    return;
                }
                int channel = in.getUnsignedByte(start + 1);
                int length = in.getUnsignedShort(start + 2);
                if (in.readableBytes() < 4 + length) {
                    return;
                }
                in.skipBytes(4);
                out.add(new InterleavedFrame(channel, in.readRetainedSlice(length)));
            } else if (first == '\r' || first == '\n') {
                // Stray line breaks between messages are tolerated (some cameras send them).
                in.skipBytes(1);
            } else {
                int headerEnd = indexOf(in, start, Math.min(in.writerIndex(), start + maxHeaderBytes));
                if (headerEnd < 0) {
                    if (in.readableBytes() >= maxHeaderBytes) {
                        in.skipBytes(in.readableBytes());
                        throw new TooLongFrameException("RTSP header longer than " + maxHeaderBytes + " bytes");
                    }
                    return;
                }
                int headerLength = headerEnd + HEADER_END.length - start;
                int bodyLength;
                try {
                    bodyLength = contentLength(in.toString(start, headerLength, StandardCharsets.ISO_8859_1));
                } catch (CorruptedFrameException e) {
                    in.skipBytes(in.readableBytes());
                    throw e;
                }
                if (bodyLength > maxBodyBytes) {
                    in.skipBytes(in.readableBytes());
                    throw new TooLongFrameException("RTSP body of " + bodyLength + " bytes exceeds " + maxBodyBytes);
                }
                if (in.readableBytes() < headerLength + bodyLength) {
                    return;
                }
                out.add(in.readRetainedSlice(headerLength + bodyLength));
            }
        }
    }

    private static int indexOf(ByteBuf in, int from, int to) {
        outer:
        for (int i = from; i <= to - HEADER_END.length; i++) {
            for (int j = 0; j < HEADER_END.length; j++) {
                if (in.getByte(i + j) != HEADER_END[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static int contentLength(String header) {
        for (String line : header.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                String value = line.substring(colon + 1).trim();
                try {
                    int length = Integer.parseInt(value);
                    if (length < 0) {
                        throw new CorruptedFrameException("negative Content-Length: " + value);
                    }
                    return length;
                } catch (NumberFormatException e) {
                    throw new CorruptedFrameException("invalid Content-Length: " + value);
                }
            }
        }
        return 0;
    }
}
