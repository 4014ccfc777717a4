package org.carewatch.ingest.media;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Objects;

/**
 * One coded picture: its NAL units (without start codes) in decoding order.
 *
 * @param rtpTimestamp presentation time on the 90 kHz RTP clock (unsigned 32-bit value held in a long;
 *                     test clips use it as their pts and may exceed 32 bits)
 * @param keyframe     true when the picture is a random access point (H.264 IDR, H.265 IRAP)
 */
public record AccessUnit(Codec codec, long rtpTimestamp, List<byte[]> nalUnits, boolean keyframe) {

    private static final byte[] START_CODE = {0, 0, 0, 1};

    public AccessUnit {
        Objects.requireNonNull(codec, "codec");
        nalUnits = List.copyOf(nalUnits);
        if (nalUnits.isEmpty()) {
            throw new IllegalArgumentException("an access unit needs at least one NAL unit");
        }
        for (byte[] nal : nalUnits) {
            if (nal.length == 0) {
                throw new IllegalArgumentException("empty NAL unit");
            }
        }
    }

    /** The access unit as an Annex-B byte stream (4-byte start code before each NAL unit). */
    public byte[] toAnnexB() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(byteSize() + 4 * nalUnits.size());
        for (byte[] nal : nalUnits) {
            out.writeBytes(START_CODE);
            out.writeBytes(nal);
        }
        return out.toByteArray();
    }

    /** Total NAL unit bytes, start codes not counted. */
    public int byteSize() {
        int n = 0;
        for (byte[] nal : nalUnits) {
            n += nal.length;
        }
        return n;
    }

    @Override
    public String toString() {
        return "AccessUnit[" + codec + ", ts=" + rtpTimestamp + ", nals=" + nalUnits.size()
                + ", bytes=" + byteSize() + (keyframe ? ", keyframe" : "") + "]";
    }
}
