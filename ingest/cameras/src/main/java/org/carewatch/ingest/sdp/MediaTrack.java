package org.carewatch.ingest.sdp;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.ParameterSets;

/**
 * One {@code m=} section of an SDP (its first payload type).
 *
 * @param media         "video", "audio", "application", ...
 * @param encodingName  from {@code a=rtpmap}, e.g. "H264"; empty when absent
 * @param clockRate     from {@code a=rtpmap}; 0 when absent
 * @param fmtp          {@code a=fmtp} parameters, keys lower-cased
 * @param control       absolute URI to SETUP this track
 * @param parameterSets from sprop-parameter-sets (H.264) or sprop-vps/sps/pps (H.265); null when absent or unusable
 */
public record MediaTrack(String media, int payloadType, String encodingName, int clockRate,
                         Map<String, String> fmtp, URI control, ParameterSets parameterSets) {

    public MediaTrack {
        fmtp = Map.copyOf(fmtp);
    }

    /** The video codec CareWatch handles, if this track carries one. */
    public Optional<Codec> codec() {
        return "video".equals(media) ? Codec.fromEncodingName(encodingName) : Optional.empty();
    }

    public Optional<ParameterSets> parameterSetsIfPresent() {
        return Optional.ofNullable(parameterSets);
    }
}
