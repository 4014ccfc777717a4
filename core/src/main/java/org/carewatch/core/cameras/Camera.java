package org.carewatch.core.cameras;

import java.time.Instant;

/**
 * A registered camera. The password is never part of this record: it stays sealed in the store and is
 * opened only to build the connection URL ({@link CameraRepository#endpoint}).
 *
 * @param path     stream path for generic profiles, else null
 * @param held     streamed continuously (without decoding) rather than sampled on demand
 */
public record Camera(
        long id,
        long centreId,
        String name,
        String profileId,
        String host,
        Integer port,
        int channel,
        String stream,
        String path,
        String username,
        boolean hasPassword,
        CameraArea area,
        java.util.List<MaskRect> privacyMasks,
        boolean held,
        boolean active,
        int version,
        Instant createdAt,
        Instant updatedAt) {
}
