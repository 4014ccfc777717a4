package org.carewatch.patrol.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.carewatch.patrol.classes.CentreClass;
import org.carewatch.patrol.rotation.VisitStatus;

/**
 * {@code GET /api/v1/patrols/visits/{id}}: the centre, the round with its window, the frames sampled for it
 * (age in seconds since taken, relative to now; quality; why a camera gave none), the centre's classes, and
 * the verdict once recorded.
 */
public record VisitView(long visitId, LocalDate date, long districtId, long officerId, int order, VisitStatus status, CentreRef centre,
                        RoundRef round, List<FrameRef> frames, List<CentreClass> classes, VerdictView verdict) {

    public record CentreRef(long id, String name) {
    }

    /** A round: local window in the district's zone and the same as instants. */
    public record RoundRef(int index, String name, LocalTime startsAt, LocalTime endsAt, Instant windowStart, Instant windowEnd) {
    }

    /**
     * @param ageSeconds seconds since the frame was taken (null when the camera gave none)
     * @param tooOld     older than the district's maximum frame age for review
     * @param quality    the frame-quality checks' result (null when no frame)
     * @param problem    message key of why the camera gave no frame (null when it did)
     */
    public record FrameRef(long frameId, long cameraId, Instant takenAt, Long ageSeconds, boolean tooOld, int width, int height,
                           JsonNode quality, String problem, boolean purged, boolean protectedFrame, String url) {
    }

    public record VerdictView(String verdict, long officerId, Instant recordedAt, List<Finding> findings) {
    }
}
