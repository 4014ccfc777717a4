package org.carewatch.patrol.roster;

import java.util.List;
import org.carewatch.patrol.plan.DateRange;
import org.carewatch.patrol.plan.RosterEntry;

/** An officer's roster as the API shows it: working days (ISO, 1 = Monday), absences, declared conflicts (回避). */
public record OfficerRoster(long id, String username, String displayName, long districtId, List<Integer> workingDays,
                            List<DateRange> absences, List<Long> conflictCentreIds, int version) {

    public RosterEntry entry() {
        return new RosterEntry(id, workingDays, absences, conflictCentreIds);
    }
}
