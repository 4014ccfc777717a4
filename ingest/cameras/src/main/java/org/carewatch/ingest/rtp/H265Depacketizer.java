package org.carewatch.ingest.rtp;

import io.netty.buffer.ByteBuf;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.NalUnits;
import org.carewatch.ingest.media.ParameterSets;

/** RFC 7798 without DONL (sprop-max-don-diff = 0): single NAL unit packets, AP and FU. */
final class H265Depacketizer extends AbstractDepacketizer {

    static final int AP = 48;
    static final int FU = 49;

    H265Depacketizer(ParameterSets fromSdp, DepacketizerLimits limits, AccessUnitSink sink,
                     boolean skipNonKeyframes) {
        super(Codec.H265, fromSdp, limits, sink, skipNonKeyframes);
    }

    @Override
    boolean isNonKeyframeSlice(int firstHeaderByte) {
        int type = (firstHeaderByte >> 1) & 0x3F;
        return type <= 31 && (type < NalUnits.H265_IRAP_FIRST || type > NalUnits.H265_IRAP_LAST);
    }

    @Override
    void payload(ByteBuf b, int start, int length) {
        if (length < 3) {
            throw new MalformedRtpException("H.265 payload shorter than 3 bytes");
        }
        int end = start + length;
        int b0 = b.getUnsignedByte(start);
        int type = (b0 >> 1) & 0x3F;
        if (type < AP) {
            nal(b, start, length);
        } else if (type == AP) {
            int i = start + 2;
            while (i < end) {
                if (i + 2 > end) {
                    throw new MalformedRtpException("AP truncated size field");
                }
                int size = b.getUnsignedShort(i);
                i += 2;
                if (size < 2 || i + size > end) {
                    throw new MalformedRtpException("AP NAL unit size " + size + " does not fit");
                }
                nal(b, i, size);
                i += size;
            }
        } else if (type == FU) {
            if (length < 4) {
                throw new MalformedRtpException("FU shorter than 4 bytes");
            }
            int fuHeader = b.getUnsignedByte(start + 2);
            boolean first = (fuHeader & 0x80) != 0;
            boolean last = (fuHeader & 0x40) != 0;
            int nalType = fuHeader & 0x3F;
            if (first) {
                int header = (((b0 & 0x81) | (nalType << 1)) << 8) | b.getUnsignedByte(start + 1);
                fragmentStart(header, 2, b, start + 3, length - 3);
                if (last) {
                    fragmentEnd(); // not allowed by RFC 7798 4.4.3, but some cameras send it
                }
            } else {
                fragmentContinue(b, start + 3, length - 3, last);
            }
        } else {
            throw new MalformedRtpException("unsupported H.265 packet type " + type);
        }
    }
}
