package org.carewatch.ingest.rtp;

import java.util.Arrays;
import java.util.function.Consumer;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.ParameterSets;

/** RFC 7798 without DONL (sprop-max-don-diff = 0): single NAL unit packets, AP and FU. */
final class H265Depacketizer extends AbstractDepacketizer {

    static final int AP = 48;
    static final int FU = 49;

    H265Depacketizer(ParameterSets fromSdp, DepacketizerLimits limits, Consumer<AccessUnit> sink) {
        super(Codec.H265, fromSdp, limits, sink);
    }

    @Override
    void payload(byte[] p) {
        if (p.length < 3) {
            throw new MalformedRtpException("H.265 payload shorter than 3 bytes");
        }
        int type = (p[0] >> 1) & 0x3F;
        if (type < AP) {
            nal(p);
        } else if (type == AP) {
            int i = 2;
            while (i < p.length) {
                if (i + 2 > p.length) {
                    throw new MalformedRtpException("AP truncated size field");
                }
                int size = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
                i += 2;
                if (size < 2 || i + size > p.length) {
                    throw new MalformedRtpException("AP NAL unit size " + size + " does not fit");
                }
                nal(Arrays.copyOfRange(p, i, i + size));
                i += size;
            }
        } else if (type == FU) {
            if (p.length < 4) {
                throw new MalformedRtpException("FU shorter than 4 bytes");
            }
            int fuHeader = p[2] & 0xFF;
            boolean start = (fuHeader & 0x80) != 0;
            boolean end = (fuHeader & 0x40) != 0;
            int nalType = fuHeader & 0x3F;
            if (start) {
                byte[] header = {(byte) ((p[0] & 0x81) | (nalType << 1)), p[1]};
                fragmentStart(header, p, 3);
                if (end) {
                    fragmentEnd(); // not allowed by RFC 7798 4.4.3, but some cameras send it
                }
            } else {
                fragmentContinue(p, 3, end);
            }
        } else {
            throw new MalformedRtpException("unsupported H.265 packet type " + type);
        }
    }
}
