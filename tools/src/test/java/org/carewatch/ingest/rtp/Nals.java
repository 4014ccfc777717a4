package org.carewatch.ingest.rtp;

import java.util.Arrays;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.ParameterSets;

/** Hand-made NAL units (header plus filler) for depacketizer edge cases. */
final class Nals {

    private Nals() {
    }

    static byte[] nal(int b0, int b1, int size, int fill) {
        byte[] n = new byte[size];
        Arrays.fill(n, (byte) fill);
        n[0] = (byte) b0;
        if (size > 1 && b1 >= 0) {
            n[1] = (byte) b1;
        }
        return n;
    }

    static byte[] sps(Codec c) {
        return c == Codec.H264 ? nal(0x67, 0x42, 12, 0x11) : nal(0x42, 0x01, 20, 0x11);
    }

    static byte[] pps(Codec c) {
        return c == Codec.H264 ? nal(0x68, 0xCE, 5, 0x22) : nal(0x44, 0x01, 6, 0x22);
    }

    static byte[] vps(Codec c) {
        return c == Codec.H264 ? null : nal(0x40, 0x01, 16, 0x33);
    }

    static ParameterSets sets(Codec c) {
        return new ParameterSets(vps(c), sps(c), pps(c));
    }

    /** An IDR (H.264) / IDR_W_RADL (H.265) slice. */
    static byte[] idr(Codec c, int size, int fill) {
        return c == Codec.H264 ? nal(0x65, 0x88, size, fill) : nal(0x26, 0x01, size, fill);
    }

    /** A non-IDR (P) slice. */
    static byte[] p(Codec c, int size, int fill) {
        return c == Codec.H264 ? nal(0x41, 0x9A, size, fill) : nal(0x02, 0x01, size, fill);
    }
}
