package org.carewatch.profiles.camera;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One camera family as described by a file under {@code cameras/}.
 *
 * @param mainPathTemplate RTSP path and query of the main stream, e.g. {@code /Streaming/Channels/{channel}01}
 * @param subPathTemplate  the same for the sub stream
 * @param maxChannels      highest valid channel number (1 for single cameras)
 * @param defaultUser      user name to use when the facility gives none (null: the user must be typed)
 * @param snapshot         the vendor's HTTP snapshot endpoint, null when there is none
 * @param onvifPort        HTTP port of the ONVIF device service, null when ONVIF is not supported
 * @param notes            hints shown to the facility when connecting (may be null)
 */
public record CameraProfile(
        String id,
        String name,
        String nameZh,
        String vendor,
        String family,
        int defaultPort,
        Transport transport,
        AuthScheme auth,
        String mainPathTemplate,
        String subPathTemplate,
        int maxChannels,
        String defaultUser,
        SnapshotEndpoint snapshot,
        Integer onvifPort,
        Set<Quirk> quirks,
        String notes) {

    public CameraProfile {
        Objects.requireNonNull(id, "id");
        quirks = quirks.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(quirks));
    }

    public boolean onvif() {
        return onvifPort != null;
    }

    public Optional<SnapshotEndpoint> snapshotEndpoint() {
        return Optional.ofNullable(snapshot);
    }

    public boolean has(Quirk quirk) {
        return quirks.contains(quirk);
    }

    /** True when the RTSP path templates need a user-typed stream path (generic profiles). */
    public boolean needsPath() {
        return mainPathTemplate.contains("{path}") || subPathTemplate.contains("{path}");
    }
}
