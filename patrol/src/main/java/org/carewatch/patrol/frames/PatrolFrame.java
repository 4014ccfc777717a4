package org.carewatch.patrol.frames;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One camera's sampled frame for a (district, day, round, centre), or the record that the camera gave none.
 *
 * @param takenAt          when the picture was taken; null when the camera gave none
 * @param width            pixels, 0 when there is no picture
 * @param height           pixels, 0 when there is no picture
 * @param bytes            JPEG size, 0 when there is no picture
 * @param quality          the frame-quality checks' result as JSON text, null when there is no picture
 * @param problem          why there is no picture (a message key such as {@code patrol.frame.offline}), else null
 * @param protectedByAlert the suspected-abuse alert that keeps it past the retention, else null
 * @param purgedAt         when its file was deleted by the retention, else null
 */
public record PatrolFrame(long id, long districtId, LocalDate day, int roundIndex, long centreId, long cameraId, Instant takenAt,
                          int width, int height, int bytes, String quality, String problem, Long protectedByAlert,
                          Instant purgedAt) {

    /** Whether there is a picture to show (taken and not purged). */
    public boolean viewable() {
        return takenAt != null && purgedAt == null;
    }
}
