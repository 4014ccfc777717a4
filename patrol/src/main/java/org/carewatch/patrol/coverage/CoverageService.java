package org.carewatch.patrol.coverage;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.users.Principal;
import org.carewatch.patrol.access.Access;
import org.carewatch.patrol.roster.OfficerRoster;
import org.carewatch.patrol.roster.RosterRepository;
import org.carewatch.patrol.rotation.DayRounds;
import org.carewatch.patrol.rotation.RotationRepository;
import org.carewatch.patrol.rotation.VisitStatus;
import org.carewatch.patrol.rules.RulesRepository;

/** Patrol coverage per day, district and officer; district roles read their district (facility staff 403). */
public final class CoverageService {
    private final RotationRepository rotations;
    private final OverdueRepository overdue;
    private final RosterRepository rosters;
    private final RulesRepository rules;
    private final Clock clock;

    public CoverageService(RotationRepository rotations, OverdueRepository overdue, RosterRepository rosters, RulesRepository rules,
                           Clock clock) {
        this.rotations = rotations;
        this.overdue = overdue;
        this.rosters = rosters;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * @param date      the day (null: today in the district's time zone)
     * @param officerId only this officer of the caller's district (null: every officer with visits that day)
     */
    public CoverageView coverage(Principal who, LocalDate date, Long officerId) throws SQLException {
        long district = Access.districtOf(who);
        LocalDate day = date != null ? date : LocalDate.now(clock.withZone(rules.get(district).zone()));
        Map<Long, String> names = new HashMap<>();
        for (OfficerRoster o : rosters.list(district)) {
            names.put(o.id(), o.username());
        }
        if (officerId != null && !names.containsKey(officerId)) {
            throw new InvalidInputException("officer", "no officer " + officerId + " in your district");
        }
        List<RotationRepository.StoredDraw> draws = rotations.current(district, day);
        if (draws.isEmpty()) {
            return new CoverageView(day, district, false, List.of(), new CoverageView.Counts(0, 0, 0));
        }
        DayRounds rounds = DayRounds.of(draws.get(0));
        Set<Long> flagged = overdue.overdue(district, day);
        Instant now = clock.instant();
        Map<Long, int[]> byOfficer = new TreeMap<>();
        for (RotationRepository.StoredVisit v : rotations.visits(district, day)) {
            if (v.status() == VisitStatus.REASSIGNED || (officerId != null && v.officerId() != officerId)) {
                continue;
            }
            int[] c = byOfficer.computeIfAbsent(v.officerId(), k -> new int[3]);
            c[0]++;
            if (v.status() == VisitStatus.REVIEWED) {
                c[1]++;
            } else if (flagged.contains(v.id()) || !now.isBefore(rounds.endsAt(v.round()))) {
                c[2]++;
            }
        }
        List<CoverageView.Officer> out = new ArrayList<>();
        int[] total = new int[3];
        byOfficer.forEach((id, c) -> {
            out.add(new CoverageView.Officer(id, names.getOrDefault(id, "#" + id), c[0], c[1], c[2]));
            for (int i = 0; i < 3; i++) {
                total[i] += c[i];
            }
        });
        return new CoverageView(day, district, true, out, new CoverageView.Counts(total[0], total[1], total[2]));
    }
}
