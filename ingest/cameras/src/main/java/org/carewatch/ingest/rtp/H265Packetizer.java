package org.carewatch.ingest.rtp;

import java.util.List;
import org.carewatch.ingest.media.Codec;

/** RFC 7798 without DONL: single NAL unit, AP (parameter sets), FU. */
final class H265Packetizer extends AbstractPacketizer {

    H265Packetizer(int payloadType, long ssrc, int mtu, int firstSequenceNumber, boolean aggregate) {
        super(Codec.H265, payloadType, ssrc, mtu, firstSequenceNumber, aggregate);
    }

    @Override
    int aggregationHeaderSize() {
        return 2;
    }

    @Override
    byte[] aggregationHeader(List<byte[]> nals) {
        // RFC 7798 4.4.2: F is the OR of the aggregated F bits, LayerId and TID the lowest of them.
        int f = 0;
        int layerId = 63;
        int tid = 7;
        for (byte[] nal : nals) {
            f |= nal[0] & 0x80;
            layerId = Math.min(layerId, ((nal[0] & 1) << 5) | ((nal[1] & 0xFF) >> 3));
            tid = Math.min(tid, nal[1] & 7);
        }
        return new byte[] {(byte) (f | (H265Depacketizer.AP << 1) | (layerId >> 5)), (byte) (((layerId & 31) << 3) | tid)};
    }

    @Override
    List<byte[]> fragment(byte[] nal) {
        byte h0 = (byte) ((nal[0] & 0x81) | (H265Depacketizer.FU << 1));
        return chunks(nal, 2, maxPayload - 3, new byte[] {h0, nal[1], 0}, 2, (nal[0] >> 1) & 0x3F);
    }
}
