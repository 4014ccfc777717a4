package org.carewatch.core.audit;

import java.time.Instant;

/**
 * What an auditor asks of the access log; every part may be null (no filter).
 *
 * @param cameraId only views of this camera (rows whose object is the camera itself: snapshots and live views;
 *                 a patrol frame's row names the frame, not its camera)
 * @param action   one of {@link AccessLogService#ACTIONS}
 * @param before   only rows with a smaller id (keyset paging)
 * @param limit    rows wanted; 1..1000 ({@link AccessLogService} refuses others), 100 when absent
 */
public record AccessLogFilter(Long centreId, Long cameraId, String username, String action, Instant from, Instant to, Long before,
                              Long limit) {

    /** Without camera and action (the filter's first shape). */
    public AccessLogFilter(Long centreId, String username, Instant from, Instant to, Long before, Long limit) {
        this(centreId, null, username, null, from, to, before, limit);
    }
}
