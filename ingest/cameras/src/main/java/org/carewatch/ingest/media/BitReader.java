package org.carewatch.ingest.media;

/**
 * Reads bits MSB-first from an RBSP (emulation-prevention bytes already removed), with Exp-Golomb codes.
 * Reading past the end throws {@link IllegalArgumentException}.
 */
final class BitReader {

    private final byte[] data;
    private long bitPos;

    BitReader(byte[] data, int byteOffset) {
        this.data = data;
        this.bitPos = 8L * byteOffset;
    }

    /** Removes the 0x03 of each 0x000003 sequence (H.264 7.4.1 / H.265 7.4.2). */
    static byte[] unescape(byte[] nal) {
        byte[] out = new byte[nal.length];
        int o = 0;
        int zeros = 0;
        for (byte b : nal) {
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out[o++] = b;
        }
        return java.util.Arrays.copyOf(out, o);
    }

    int u(int n) {
        if (n < 0 || n > 32) {
            throw new IllegalArgumentException("bit count " + n);
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return (int) v;
    }

    long u32() {
        return ((long) u(16) << 16) | u(16);
    }

    boolean flag() {
        return bit() == 1;
    }

    void skip(int n) {
        for (int i = 0; i < n; i++) {
            bit();
        }
    }

    int ue() {
        int zeros = 0;
        while (bit() == 0) {
            zeros++;
            if (zeros > 31) {
                throw new IllegalArgumentException("Exp-Golomb code too long");
            }
        }
        if (zeros == 0) {
            return 0;
        }
        long v = (1L << zeros) - 1 + (u(zeros) & 0xFFFF_FFFFL);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Exp-Golomb value too large");
        }
        return (int) v;
    }

    int se() {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    private int bit() {
        if (bitPos >= 8L * data.length) {
            throw new IllegalArgumentException("read past the end of the parameter set");
        }
        int b = (data[(int) (bitPos >>> 3)] >> (7 - (int) (bitPos & 7))) & 1;
        bitPos++;
        return b;
    }
}
