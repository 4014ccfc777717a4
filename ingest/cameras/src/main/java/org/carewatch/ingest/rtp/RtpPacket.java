package org.carewatch.ingest.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One RTP packet (RFC 3550), version 2. Padding is removed when parsing and never written by
 * {@link #encode()}.
 *
 * @param sequenceNumber 0..65535
 * @param timestamp      unsigned 32-bit value
 * @param ssrc           unsigned 32-bit value
 * @param csrcs          contributing sources (usually empty), unsigned 32-bit values
 * @param extension      the header extension, or null when the X bit is clear
 */
public record RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                        long[] csrcs, Extension extension, byte[] payload) {

    public static final int VERSION = 2;
    public static final int FIXED_HEADER_SIZE = 12;

    /** An RTP header extension: 16-bit profile-defined id and its data (a multiple of 4 bytes). */
    public record Extension(int profile, byte[] data) {
        public Extension {
            if (profile < 0 || profile > 0xFFFF) {
                throw new IllegalArgumentException("extension profile out of range: " + profile);
            }
            Objects.requireNonNull(data, "data");
            if (data.length % 4 != 0 || data.length / 4 > 0xFFFF) {
                throw new IllegalArgumentException("extension data must be a multiple of 4 bytes, at most 262140");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Extension e && e.profile == profile && Arrays.equals(e.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * profile + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Extension[profile=" + profile + ", " + data.length + "B]";
        }
    }

    public RtpPacket {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("sequence number out of range: " + sequenceNumber);
        }
        if (timestamp < 0 || timestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timestamp out of range: " + timestamp);
        }
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ssrc out of range: " + ssrc);
        }
        csrcs = csrcs == null ? new long[0] : csrcs.clone();
        if (csrcs.length > 15) {
            throw new IllegalArgumentException("at most 15 CSRCs");
        }
        Objects.requireNonNull(payload, "payload");
    }

    /** A packet without CSRCs or extension. */
    public RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc, byte[] payload) {
        this(marker, payloadType, sequenceNumber, timestamp, ssrc, null, null, payload);
    }

    /**
     * Parses the readable bytes of {@code buf} without moving its reader index, copying the payload out;
     * on a hot path, parse into a reused {@link RtpPacketView} instead (no copy).
     */
    public static RtpPacket parse(ByteBuf buf) {
        return new RtpPacketView().parse(buf).toPacket();
    }

    public static RtpPacket parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length);
    }

    /** Parses {@code length} bytes at {@code offset}; throws {@link MalformedRtpException} on bad bytes. */
    public static RtpPacket parse(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new RtpPacketView().parse(Unpooled.wrappedBuffer(bytes, offset, length)).toPacket();
    }

    /** Size of {@link #encode()}'s result. */
    public int encodedSize() {
        return FIXED_HEADER_SIZE + 4 * csrcs.length + (extension == null ? 0 : 4 + extension.data().length)
                + payload.length;
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(encodedSize());
        b.put((byte) ((VERSION << 6) | (extension != null ? 0x10 : 0) | csrcs.length));
        b.put((byte) ((marker ? 0x80 : 0) | payloadType));
        b.putShort((short) sequenceNumber);
        b.putInt((int) timestamp);
        b.putInt((int) ssrc);
        for (long c : csrcs) {
            b.putInt((int) c);
        }
        if (extension != null) {
            b.putShort((short) extension.profile());
            b.putShort((short) (extension.data().length / 4));
            b.put(extension.data());
        }
        b.put(payload);
        return b.array();
    }

    /** Writes {@link #encode()}'s bytes to {@code out}. */
    public void encodeTo(ByteBuf out) {
        out.writeBytes(encode());
    }

    @Override
    public long[] csrcs() {
        return csrcs.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && p.marker == marker && p.payloadType == payloadType
                && p.sequenceNumber == sequenceNumber && p.timestamp == timestamp && p.ssrc == ssrc
                && Arrays.equals(p.csrcs, csrcs) && Objects.equals(p.extension, extension)
                && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(marker, payloadType, sequenceNumber, timestamp, ssrc, Arrays.hashCode(csrcs),
                extension, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + ", seq=" + sequenceNumber + ", ts=" + timestamp + ", ssrc="
                + Long.toHexString(ssrc) + (marker ? ", M" : "") + ", payload=" + payload.length + "B]";
    }
}
