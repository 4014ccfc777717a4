package org.carewatch.ingest.media;

import java.util.Locale;
import java.util.Optional;

/** Video codecs CareWatch depacketizes and decodes. */
public enum Codec {
    H264("H264"),
    H265("H265");

    private final String rtpEncodingName;

    Codec(String rtpEncodingName) {
        this.rtpEncodingName = rtpEncodingName;
    }

    /** The encoding name used in SDP {@code a=rtpmap} lines. */
    public String rtpEncodingName() {
        return rtpEncodingName;
    }

    /** Maps an SDP encoding name (case-insensitive; "HEVC" is accepted for H.265) to a codec. */
    public static Optional<Codec> fromEncodingName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "H264", "AVC" -> Optional.of(H264);
            case "H265", "HEVC" -> Optional.of(H265);
            default -> Optional.empty();
        };
    }
}
