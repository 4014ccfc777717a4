package org.carewatch.tools.clip;

import java.util.List;
import java.util.Objects;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.ParameterSets;

/**
 * A pre-encoded clip held in memory. Each access unit's {@code rtpTimestamp} is its pts on the 90 kHz
 * clock starting at 0; keyframes carry their parameter sets in-band.
 */
public record TestClip(ClipSpec spec, ParameterSets parameterSets, List<AccessUnit> accessUnits) {

    public TestClip {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(parameterSets, "parameterSets");
        accessUnits = List.copyOf(accessUnits);
    }

    public Codec codec() {
        return spec.codec();
    }

    public int fps() {
        return spec.fps();
    }

    /** pts span of the whole clip in 90 kHz ticks (what to add to timestamps when looping). */
    public long duration90k() {
        return accessUnits.size() * spec.frameDuration90k();
    }
}
