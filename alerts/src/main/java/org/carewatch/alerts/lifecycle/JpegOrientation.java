package org.carewatch.alerts.lifecycle;

/**
 * Reads the EXIF orientation tag (0x0112) of a JPEG's APP1 segment, the only EXIF value kept (applied to the
 * pixels) when a photo is re-encoded. Anything malformed reads as 1 (as stored).
 */
final class JpegOrientation {
    private JpegOrientation() {
    }

    static int of(byte[] b) {
        try {
            int i = 2;
            while (i + 4 <= b.length && (b[i] & 0xff) == 0xFF) {
                int marker = b[i + 1] & 0xff;
                int len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
                if (marker == 0xDA || len < 2) {
                    return 1; // start of scan: no EXIF before the picture
                }
                int seg = i + 4;
                if (marker == 0xE1 && seg + 6 <= b.length && b[seg] == 'E' && b[seg + 1] == 'x' && b[seg + 2] == 'i' && b[seg + 3] == 'f') {
                    return fromTiff(b, seg + 6, Math.min(b.length, i + 2 + len));
                }
                i += 2 + len;
            }
        } catch (RuntimeException malformed) {
            return 1;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I';
        int ifd = tiff + u32(b, tiff + 4, little);
        int entries = u16(b, ifd, little);
        for (int e = 0; e < entries; e++) {
            int at = ifd + 2 + e * 12;
            if (at + 12 > end) {
                return 1;
            }
            if (u16(b, at, little) == 0x0112) {
                int v = u16(b, at + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 : (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static int u32(byte[] b, int i, boolean little) {
        return little ? u16(b, i, true) | u16(b, i + 2, true) << 16 : u16(b, i, false) << 16 | u16(b, i + 2, false);
    }
}
