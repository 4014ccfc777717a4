package org.carewatch.ingest.rtp;

import java.util.Arrays;
import java.util.function.Consumer;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.ParameterSets;

/** RFC 6184 non-interleaved mode: single NAL unit packets, STAP-A and FU-A. */
final class H264Depacketizer extends AbstractDepacketizer {

    static final int STAP_A = 24;
    static final int FU_A = 28;

    H264Depacketizer(ParameterSets fromSdp, DepacketizerLimits limits, Consumer<AccessUnit> sink) {
        super(Codec.H264, fromSdp, limits, sink);
    }

    @Override
    void payload(byte[] p) {
        if (p.length < 1) {
            throw new MalformedRtpException("empty H.264 payload");
        }
        int type = p[0] & 0x1F;
        if (type >= 1 && type <= 23) {
            nal(p);
        } else if (type == STAP_A) {
            int i = 1;
            if (p.length < 3) {
                throw new MalformedRtpException("STAP-A without NAL units");
            }
            while (i < p.length) {
                if (i + 2 > p.length) {
                    throw new MalformedRtpException("STAP-A truncated size field");
                }
                int size = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
                i += 2;
                if (size == 0 || i + size > p.length) {
                    throw new MalformedRtpException("STAP-A NAL unit size " + size + " does not fit");
                }
                nal(Arrays.copyOfRange(p, i, i + size));
                i += size;
            }
        } else if (type == FU_A) {
            if (p.length < 3) {
                throw new MalformedRtpException("FU-A shorter than 3 bytes");
            }
            int fuHeader = p[1] & 0xFF;
            boolean start = (fuHeader & 0x80) != 0;
            boolean end = (fuHeader & 0x40) != 0;
            if (start) {
                byte header = (byte) ((p[0] & 0xE0) | (fuHeader & 0x1F));
                fragmentStart(new byte[] {header}, p, 2);
                if (end) {
                    fragmentEnd(); // not allowed by RFC 6184 5.8, but some cameras send it
                }
            } else {
                fragmentContinue(p, 2, end);
            }
        } else {
            throw new MalformedRtpException("unsupported H.264 packet type " + type
                    + (type == 0 ? "" : " (interleaved mode is not supported)"));
        }
    }
}
