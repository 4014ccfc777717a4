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
        return create(codec, fromSdp, limits, new AccessUnitSink() {
            @Override
            public void onAccessUnit(AccessUnit accessUnit) {
                sink.accept(accessUnit);
            }

            @Override
            public void onSkippedAccessUnit(long rtpTimestamp, int nalBytes) {
                throw new AssertionError("a full depacketizer skips nothing");
            }
        }, false);
    }

    /**
     * A depacketizer for a stream that is held but not decoded: it copies the bytes of keyframes (and of
     * parameter sets and other non-slice NAL units) only; the slices of other pictures are checked, counted
     * against the caps and skipped, and their access units reported by
     * {@link AccessUnitSink#onSkippedAccessUnit}. Everything else (gaps, caps, waiting for a keyframe,
     * parameter-set re-insertion, counters) is as in {@link #forCodec}. An access unit mixing keyframe and
     * other slices (not allowed by H.264/H.265) is reported as skipped.
     */
    public static Depacketizer keyframesOnly(Codec codec, ParameterSets fromSdp, DepacketizerLimits limits,
                                             AccessUnitSink sink) {
        Objects.requireNonNull(sink, "sink");
        return create(codec, fromSdp, limits, sink, true);
    }

    private static Depacketizer create(Codec codec, ParameterSets fromSdp, DepacketizerLimits limits,
                                       AccessUnitSink sink, boolean skipNonKeyframes) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(limits, "limits");
        return switch (codec) {
            case H264 -> new H264Depacketizer(fromSdp, limits, sink, skipNonKeyframes);
            case H265 -> new H265Depacketizer(fromSdp, limits, sink, skipNonKeyframes);
        };
    }
}
