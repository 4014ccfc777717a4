package org.carewatch.ingest.live;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes ISO BMFF (ISO/IEC 14496-12) boxes: big-endian fields, each box's 32-bit size patched in when it is
 * closed. Boxes nest by calling {@link #open} / {@link #close} in order.
 */
final class BoxWriter {

    private final ByteArrayOutputStream out;
    private final int[] starts = new int[16];
    private final List<int[]> patches = new ArrayList<>(); // {position, value}: 32-bit fields written at the end
    private int depth;

    BoxWriter(int sizeHint) {
        out = new ByteArrayOutputStream(sizeHint);
    }

    BoxWriter open(String type) {
        starts[depth++] = out.size();
        u32(0);
        fourcc(type);
        return this;
    }

    /** A "full box": type, then version (8 bits) and flags (24 bits). */
    BoxWriter openFull(String type, int version, int flags) {
        open(type);
        return u32(((version & 0xFF) << 24) | (flags & 0xFFFFFF));
    }

    BoxWriter close() {
        int start = starts[--depth];
        patch(start, out.size() - start);
        return this;
    }

    private void patch(int at, int value) {
        patches.add(new int[] {at, value});
    }

    int position() {
        return out.size();
    }

    /** Writes a 32-bit value at an earlier position (e.g. trun's data offset, known only once moof is closed). */
    void patchU32(int at, int value) {
        patch(at, value);
    }

    BoxWriter u8(int v) {
        out.write(v);
        return this;
    }

    BoxWriter u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    BoxWriter u32(long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
        return this;
    }

    BoxWriter u64(long v) {
        u32(v >>> 32);
        return u32(v & 0xFFFFFFFFL);
    }

    BoxWriter zeros(int n) {
        for (int i = 0; i < n; i++) {
            out.write(0);
        }
        return this;
    }

    BoxWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    BoxWriter fourcc(String type) {
        byte[] b = type.getBytes(StandardCharsets.US_ASCII);
        if (b.length != 4) {
            throw new IllegalArgumentException("box type must be 4 characters: " + type);
        }
        return bytes(b);
    }

    /** The unity transformation matrix of mvhd/tkhd. */
    BoxWriter unityMatrix() {
        return u32(0x00010000).u32(0).u32(0).u32(0).u32(0x00010000).u32(0).u32(0).u32(0).u32(0x40000000);
    }

    byte[] toByteArray() {
        if (depth != 0) {
            throw new IllegalStateException("unclosed box");
        }
        byte[] b = out.toByteArray();
        for (int[] p : patches) {
            b[p[0]] = (byte) (p[1] >>> 24);
            b[p[0] + 1] = (byte) (p[1] >>> 16);
            b[p[0] + 2] = (byte) (p[1] >>> 8);
            b[p[0] + 3] = (byte) p[1];
        }
        return b;
    }
}
