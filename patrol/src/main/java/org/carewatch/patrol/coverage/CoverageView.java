package org.carewatch.patrol.coverage;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/patrols/coverage}: for one day of the caller's district, per officer, the visits planned
 * (those not moved to another officer), reviewed, and overdue (not reviewed though the round has ended, or
 * found so by the overdue check), with the district's totals. {@code drawn} is false when the day has no plan.
 */
public record CoverageView(LocalDate date, long districtId, boolean drawn, List<Officer> officers, Counts total) {

    public record Officer(long officerId, String username, int planned, int reviewed, int overdue) {
    }

    public record Counts(int planned, int reviewed, int overdue) {
    }
}
