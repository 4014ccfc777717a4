package org.carewatch.patrol.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A drawn day as {@code GET /api/v1/rotations/{date}} shows it: commitment and inputs digest always, the seed
 * only once revealed (null before), the rounds with each officer's visits in order, and the unmet rules of
 * the draw and of every re-draw.
 */
public record RotationView(LocalDate date, long districtId, String seedCommitment, String inputsDigest, String seed, Instant revealAt,
                           List<Round> rounds, List<JsonNode> unmet, List<Redraw> redraws) {

    public record Round(int index, String name, LocalTime startsAt, LocalTime endsAt, List<Assignment> assignments) {
    }

    public record Assignment(long officerId, String username, List<Visit> visits) {
    }

    public record Visit(long visitId, long centreId, int order, VisitStatus status) {
    }

    public record Redraw(int seq, long absentOfficerId, String seedCommitment, String inputsDigest, String seed, Instant createdAt) {
    }
}
