package org.carewatch.patrol.plan;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a day's draw depends on, frozen with the plan: the district's rounds, its roster, its centres
 * and the officer-centre pairs of the previous day. Lists are sorted by id so equal inputs are equal bytes.
 */
public record DayInput(long districtId, String timeZone, LocalDate date, List<RoundRule> rounds, int maxFrameAgeMinutes,
                       int sampleLeadMinutes, List<RosterEntry> officers, List<CentreSpec> centres, List<Pair> previousPairs) {
    public DayInput {
        rounds = List.copyOf(rounds);
        officers = officers.stream().sorted(Comparator.comparingLong(RosterEntry::officerId)).toList();
        centres = centres.stream().sorted(Comparator.comparingLong(CentreSpec::id)).toList();
        previousPairs = previousPairs.stream().distinct()
                .sorted(Comparator.comparingLong(Pair::officerId).thenComparingLong(Pair::centreId)).toList();
    }
}
