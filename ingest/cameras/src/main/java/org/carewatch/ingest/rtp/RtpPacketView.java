package org.carewatch.ingest.rtp;

import io.netty.buffer.ByteBuf;

/**
 * A reusable, non-copying view of one RTP packet held in a {@link ByteBuf}: {@link #parse} reads the header
 * fields and finds the payload's position, and copies nothing. One instance serves a whole stream (one
 * thread); the view is valid only while its buffer is (for an {@link org.carewatch.ingest.rtsp.RtpSink},
 * during the call). It never retains or releases the buffer, and never moves its reader index.
 *
 * <p>{@link RtpPacket#parse(byte[], int, int)} parses through this class too, so both forms accept and
 * reject exactly the same bytes.
 */
public final class RtpPacketView {

    private ByteBuf buf;
    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private int csrcCount;
    private int csrcIndex;
    private int extensionIndex = -1;
    private int payloadIndex;
    private int payloadLength;

    /**
     * Parses the readable bytes of {@code packet} into this view (replacing what it held).
     *
     * @throws MalformedRtpException bytes that are not an RTP version 2 packet; the view is then empty
     */
    public RtpPacketView parse(ByteBuf packet) {
        buf = null;
        int start = packet.readerIndex();
        int length = packet.readableBytes();
        if (length < RtpPacket.FIXED_HEADER_SIZE) {
            throw new MalformedRtpException("RTP packet shorter than 12 bytes: " + length);
        }
        int b0 = packet.getUnsignedByte(start);
        int version = b0 >>> 6;
        if (version != RtpPacket.VERSION) {
            throw new MalformedRtpException("RTP version " + version + ", expected 2");
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean hasExtension = (b0 & 0x10) != 0;
        int csrcs = b0 & 0x0F;
        int b1 = packet.getUnsignedByte(start + 1);
        int end = start + length;
        int i = start + RtpPacket.FIXED_HEADER_SIZE;
        if (end - i < 4 * csrcs) {
            throw new MalformedRtpException("RTP packet truncated in its CSRC list");
        }
        int csrcAt = i;
        i += 4 * csrcs;
        int extensionAt = -1;
        if (hasExtension) {
            if (end - i < 4) {
                throw new MalformedRtpException("RTP packet truncated in its header extension");
            }
            int words = packet.getUnsignedShort(i + 2);
            if (end - i - 4 < 4 * words) {
                throw new MalformedRtpException("RTP header extension longer than the packet");
            }
            extensionAt = i;
            i += 4 + 4 * words;
        }
        int payloadBytes = end - i;
        if (padding) {
            if (payloadBytes == 0) {
                throw new MalformedRtpException("RTP padding bit set but no padding byte");
            }
            int pad = packet.getUnsignedByte(end - 1);
            if (pad == 0 || pad > payloadBytes) {
                throw new MalformedRtpException("RTP padding length " + pad + " invalid for payload of " + payloadBytes);
            }
            payloadBytes -= pad;
        }
        buf = packet;
        marker = (b1 & 0x80) != 0;
        payloadType = b1 & 0x7F;
        sequenceNumber = packet.getUnsignedShort(start + 2);
        timestamp = packet.getUnsignedInt(start + 4);
        ssrc = packet.getUnsignedInt(start + 8);
        csrcCount = csrcs;
        csrcIndex = csrcAt;
        extensionIndex = extensionAt;
        payloadIndex = i;
        payloadLength = payloadBytes;
        return this;
    }

    private ByteBuf buf() {
        if (buf == null) {
            throw new IllegalStateException("no packet parsed");
        }
        return buf;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** Unsigned 32-bit value. */
    public long timestamp() {
        return timestamp;
    }

    /** Unsigned 32-bit value. */
    public long ssrc() {
        return ssrc;
    }

    /** The buffer that holds the packet (not a copy, not retained). */
    public ByteBuf buffer() {
        return buf();
    }

    /** Absolute index of the payload's first byte in {@link #buffer()}. */
    public int payloadIndex() {
        buf();
        return payloadIndex;
    }

    /** Payload bytes, padding excluded. */
    public int payloadLength() {
        buf();
        return payloadLength;
    }

    /** A copy of the payload. */
    public byte[] copyPayload() {
        byte[] out = new byte[payloadLength];
        buf().getBytes(payloadIndex, out);
        return out;
    }

    /** The same packet as an {@link RtpPacket} (copies the payload, CSRCs and extension). */
    public RtpPacket toPacket() {
        ByteBuf b = buf();
        long[] csrcs = new long[csrcCount];
        for (int k = 0; k < csrcCount; k++) {
            csrcs[k] = b.getUnsignedInt(csrcIndex + 4 * k);
        }
        RtpPacket.Extension extension = null;
        if (extensionIndex >= 0) {
            byte[] data = new byte[4 * b.getUnsignedShort(extensionIndex + 2)];
            b.getBytes(extensionIndex + 4, data);
            extension = new RtpPacket.Extension(b.getUnsignedShort(extensionIndex), data);
        }
        return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, extension, copyPayload());
    }

    @Override
    public String toString() {
        return buf == null ? "RtpPacketView[empty]"
                : "RtpPacketView[pt=" + payloadType + ", seq=" + sequenceNumber + ", ts=" + timestamp
                        + (marker ? ", M" : "") + ", payload=" + payloadLength + "B]";
    }
}
