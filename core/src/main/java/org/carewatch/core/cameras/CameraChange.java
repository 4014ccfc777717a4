package org.carewatch.core.cameras;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One recorded change of a camera: who (user, role), when, what (the fields that changed, with before and
 * after values; a password only as {@code hasPassword}), whether it was made during the centre's opening
 * hours, and the mask request it opened or decided, if any.
 *
 * @param action {@code create}, {@code update}, {@code masks_approved} or {@code masks_rejected}
 */
public record CameraChange(long id, Instant time, long cameraId, long centreId, long userId, String username, String role,
                           String action, List<String> fields, Map<String, Object> before, Map<String, Object> after,
                           boolean openingHours, Long maskRequestId) {
    public CameraChange {
        fields = List.copyOf(fields);
    }

    /** Made by the centre's own staff. */
    public boolean byCentre() {
        return "facility".equals(role);
    }
}
