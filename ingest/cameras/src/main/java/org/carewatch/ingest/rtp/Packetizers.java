package org.carewatch.ingest.rtp;

import org.carewatch.ingest.media.Codec;

/** Creates the packetizer for a codec. */
public final class Packetizers {

    /** Largest RTP packet (header included) by default: leaves room for IP/UDP or RTSP interleaving. */
    public static final int DEFAULT_MTU = 1400;

    private Packetizers() {
    }

    /** Default MTU, first sequence number 0, parameter sets aggregated (STAP-A / AP). */
    public static Packetizer forCodec(Codec codec, int payloadType, long ssrc) {
        return forCodec(codec, payloadType, ssrc, DEFAULT_MTU, 0, true);
    }

    /**
     * @param mtu                    largest RTP packet in bytes, the 12-byte header included (at least 64)
     * @param firstSequenceNumber    sequence number of the first packet (0..65535)
     * @param aggregateParameterSets send small NAL units that precede a picture (VPS/SPS/PPS/SEI/AUD) together
     *                               in one STAP-A (H.264) or AP (H.265) packet when they fit
     */
    public static Packetizer forCodec(Codec codec, int payloadType, long ssrc, int mtu, int firstSequenceNumber,
                                      boolean aggregateParameterSets) {
        return switch (codec) {
            case H264 -> new H264Packetizer(payloadType, ssrc, mtu, firstSequenceNumber, aggregateParameterSets);
            case H265 -> new H265Packetizer(payloadType, ssrc, mtu, firstSequenceNumber, aggregateParameterSets);
        };
    }
}
