package org.carewatch.ingest.sdp;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an RTSP DESCRIBE answer (RFC 8866 SDP, RFC 2326 C.1) that a client needs.
 *
 * @param contentBase      base for relative control URLs (Content-Base, else Content-Location, else the
 *                         request URL)
 * @param aggregateControl URI for aggregate PLAY/PAUSE/TEARDOWN (session-level a=control resolved, else
 *                         the content base)
 */
public record SessionDescription(String sessionName, URI contentBase, URI aggregateControl,
                                 List<MediaTrack> tracks) {

    public SessionDescription {
        Objects.requireNonNull(contentBase, "contentBase");
        Objects.requireNonNull(aggregateControl, "aggregateControl");
        tracks = List.copyOf(tracks);
    }

    /** Parses {@code sdp}; relative control URLs are resolved against {@code contentBase}. */
    public static SessionDescription parse(String sdp, URI contentBase) {
        return SdpParser.parse(sdp, contentBase);
    }

    /** The first video track whose codec CareWatch handles (H.264 or H.265). */
    public Optional<MediaTrack> firstSupportedVideoTrack() {
        return tracks.stream().filter(t -> t.codec().isPresent()).findFirst();
    }
}
