package org.carewatch.patrol.roster;

import java.util.List;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.patrol.plan.DateRange;

/** A change to an officer's roster: absent fields keep their value; {@code version} must be the one read. */
public record RosterPatch(List<Integer> workingDays, List<DateRange> absences, List<Long> conflictCentreIds, Integer version) {

    public void validate() {
        if (version == null) {
            throw new InvalidInputException("version", "is required: send the version you read, so concurrent edits are not lost");
        }
        if (workingDays != null && (workingDays.stream().anyMatch(d -> d == null || d < 1 || d > 7)
                || workingDays.stream().distinct().count() != workingDays.size())) {
            throw new InvalidInputException("workingDays", "must list distinct ISO day numbers 1 (Monday) to 7 (Sunday)");
        }
        if (absences != null) {
            if (absences.size() > 200) {
                throw new InvalidInputException("absences", "at most 200 absences");
            }
            for (int i = 0; i < absences.size(); i++) {
                DateRange a = absences.get(i);
                if (a == null || a.from() == null || a.to() == null) {
                    throw new InvalidInputException("absences[" + i + "]", "needs 'from' and 'to' dates");
                }
                if (a.to().isBefore(a.from())) {
                    throw new InvalidInputException("absences[" + i + "].to", "must not be before 'from'");
                }
            }
        }
        if (conflictCentreIds != null && (conflictCentreIds.size() > 1000 || conflictCentreIds.stream().anyMatch(c -> c == null || c <= 0))) {
            throw new InvalidInputException("conflictCentreIds", "must be at most 1000 centre ids");
        }
    }
}
