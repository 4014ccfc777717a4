package org.carewatch.ingest.media;

import java.time.Instant;
import java.util.Objects;

/**
 * A keyframe ready to decode on its own: {@code accessUnit} already carries its parameter sets
 * (prepended by {@link KeyframeCache} when the camera sent them only in the SDP or earlier).
 *
 * @param parameterSets the parameter sets in force, or null if none were ever seen (decoding will fail)
 * @param arrival       when its last packet arrived
 */
public record Keyframe(AccessUnit accessUnit, ParameterSets parameterSets, Instant arrival) {

    public Keyframe {
        Objects.requireNonNull(accessUnit, "accessUnit");
        Objects.requireNonNull(arrival, "arrival");
        if (!accessUnit.keyframe()) {
            throw new IllegalArgumentException("not a keyframe: " + accessUnit);
        }
    }

    public Codec codec() {
        return accessUnit.codec();
    }

    /** The whole keyframe, parameter sets included, as an Annex-B byte stream for a decoder. */
    public byte[] toAnnexB() {
        return accessUnit.toAnnexB();
    }
}
