package org.carewatch.ingest.rtp;

import io.netty.buffer.ByteBuf;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.ParameterSets;

/** RFC 6184 non-interleaved mode: single NAL unit packets, STAP-A and FU-A. */
final class H264Depacketizer extends AbstractDepacketizer {

    static final int STAP_A = 24;
    static final int FU_A = 28;

    H264Depacketizer(ParameterSets fromSdp, DepacketizerLimits limits, AccessUnitSink sink,
                     boolean skipNonKeyframes) {
        super(Codec.H264, fromSdp, limits, sink, skipNonKeyframes);
    }

    @Override
    boolean isNonKeyframeSlice(int firstHeaderByte) {
        int type = firstHeaderByte & 0x1F;
        return type >= 1 && type <= 4; // non-IDR slice and slice data partitions A-C (5 = IDR)
    }

    @Override
    void payload(ByteBuf b, int start, int length) {
        if (length < 1) {
            throw new MalformedRtpException("empty H.264 payload");
        }
        int end = start + length;
        int b0 = b.getUnsignedByte(start);
        int type = b0 & 0x1F;
        if (type >= 1 && type <= 23) {
            nal(b, start, length);
        } else if (type == STAP_A) {
            if (length < 3) {
                throw new MalformedRtpException("STAP-A without NAL units");
            }
            int i = start + 1;
            while (i < end) {
                if (i + 2 > end) {
                    throw new MalformedRtpException("STAP-A truncated size field");
                }
                int size = b.getUnsignedShort(i);
                i += 2;
                if (size == 0 || i + size > end) {
                    throw new MalformedRtpException("STAP-A NAL unit size " + size + " does not fit");
                }
                nal(b, i, size);
                i += size;
            }
        } else if (type == FU_A) {
            if (length < 3) {
                throw new MalformedRtpException("FU-A shorter than 3 bytes");
            }
            int fuHeader = b.getUnsignedByte(start + 1);
            boolean first = (fuHeader & 0x80) != 0;
            boolean last = (fuHeader & 0x40) != 0;
            if (first) {
                int header = (b0 & 0xE0) | (fuHeader & 0x1F);
                fragmentStart(header, 1, b, start + 2, length - 2);
                if (last) {
                    fragmentEnd(); // not allowed by RFC 6184 5.8, but some cameras send it
                }
            } else {
                fragmentContinue(b, start + 2, length - 2, last);
            }
        } else {
            throw new MalformedRtpException("unsupported H.264 packet type " + type
                    + (type == 0 ? "" : " (interleaved mode is not supported)"));
        }
    }
}
