package org.carewatch.ingest.rtp;

import java.util.Objects;
import java.util.function.Consumer;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.ParameterSets;

/** Creates the depacketizer for a codec. */
public final class Depacketizers {

    private Depacketizers() {
    }

    /**
     * @param fromSdp parameter sets announced in the SDP, re-inserted before a keyframe that arrives
     *                without them; null when the SDP had none
     */
    public static Depacketizer forCodec(Codec codec, ParameterSets fromSdp, DepacketizerLimits limits,
                                        Consumer<AccessUnit> sink) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(sink, "sink");
        return switch (codec) {
            case H264 -> new H264Depacketizer(fromSdp, limits, sink);
            case H265 -> new H265Depacketizer(fromSdp, limits, sink);
        };
    }
}
