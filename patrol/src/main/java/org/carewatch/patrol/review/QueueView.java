package org.carewatch.patrol.review;

import java.time.LocalDate;
import java.util.List;
import org.carewatch.patrol.rotation.VisitStatus;

/** {@code GET /api/v1/patrols/queue}: the calling officer's visits of today (district time), by round and order. */
public record QueueView(LocalDate date, long districtId, long officerId, List<Item> visits) {

    /** One visit; {@code verdict} is null until recorded. */
    public record Item(long visitId, long centreId, String centreName, VisitView.RoundRef round, int order, VisitStatus status,
                       String verdict) {
    }
}
