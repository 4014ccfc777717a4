package org.carewatch.core.cameras;

import java.time.Instant;
import java.util.List;

/**
 * Privacy masks a centre asked for on one of its cameras, waiting for an administrator of the district
 * (state {@code pending}), or decided ({@code approved}, {@code rejected}) or replaced by a newer request
 * ({@code superseded}). The camera keeps {@code masksBefore} until the request is approved.
 */
public record MaskRequest(long id, long cameraId, long centreId, Instant requestedAt, long requestedBy, String requestedByName,
                          List<MaskRect> masksBefore, List<MaskRect> masks, boolean addsCoverage, boolean removesCoverage,
                          String state, Instant decidedAt, Long decidedBy, String decidedByName, String note) {
}
