package org.carewatch.patrol.plan;

import java.time.LocalDate;
import java.util.List;

/**
 * An officer as the planner sees them: the ISO days they work (1 = Monday), their absences and the centres
 * they declared a conflict of interest with (回避). Lists are kept sorted so the frozen inputs are stable.
 */
public record RosterEntry(long officerId, List<Integer> workingDays, List<DateRange> absences, List<Long> conflictCentreIds) {
    public RosterEntry {
        workingDays = workingDays.stream().sorted().distinct().toList();
        absences = absences.stream().sorted(java.util.Comparator.comparing(DateRange::from).thenComparing(DateRange::to)).toList();
        conflictCentreIds = conflictCentreIds.stream().sorted().distinct().toList();
    }

    public boolean availableOn(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek().getValue()) && absences.stream().noneMatch(a -> a.contains(date));
    }

    public boolean conflictsWith(long centreId) {
        return java.util.Collections.binarySearch(conflictCentreIds, centreId) >= 0;
    }
}
