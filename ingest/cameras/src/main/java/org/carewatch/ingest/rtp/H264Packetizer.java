package org.carewatch.ingest.rtp;

import java.util.List;
import org.carewatch.ingest.media.Codec;

/** RFC 6184 non-interleaved mode: single NAL unit, STAP-A (parameter sets), FU-A. */
final class H264Packetizer extends AbstractPacketizer {

    H264Packetizer(int payloadType, long ssrc, int mtu, int firstSequenceNumber, boolean aggregate) {
        super(Codec.H264, payloadType, ssrc, mtu, firstSequenceNumber, aggregate);
    }

    @Override
    int aggregationHeaderSize() {
        return 1;
    }

    @Override
    byte[] aggregationHeader(List<byte[]> nals) {
        int nri = 0;
        int f = 0;
        for (byte[] nal : nals) {
            nri = Math.max(nri, nal[0] & 0x60);
            f |= nal[0] & 0x80;
        }
        return new byte[] {(byte) (f | nri | H264Depacketizer.STAP_A)};
    }

    @Override
    List<byte[]> fragment(byte[] nal) {
        byte indicator = (byte) ((nal[0] & 0xE0) | H264Depacketizer.FU_A);
        return chunks(nal, 1, maxPayload - 2, new byte[] {indicator, 0}, 1, nal[0] & 0x1F);
    }
}
