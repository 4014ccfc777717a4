package org.carewatch.patrol.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.draw.Seed;

/** Re-planning after an absence: finished work never moves, only the absent officer's unfinished visits do. */
class ReplanPropertiesTest {

    @Property(tries = 300)
    void onlyTheAbsentOfficersUnfinishedVisitsMoveAndTheRulesStillHold(@ForAll @IntRange(min = 2, max = 7) int officers,
                                                                       @ForAll @IntRange(min = 0, max = 30) int centres,
                                                                       @ForAll @IntRange(min = 0, max = 50) int conflicts,
                                                                       @ForAll @IntRange(min = 0, max = 100) int finishedPercent,
                                                                       @ForAll long random) {
        DayInput day = GeneratedDistrict.day(officers, centres, conflicts, 20, random);
        DayPlan plan = Planner.plan(day, GeneratedDistrict.seed(random));
        Random r = new Random(random);
        List<Replan.Visit> visits = new ArrayList<>();
        for (DayPlan.RoundPlan rp : plan.rounds()) {
            for (DayPlan.OfficerRound a : rp.assignments()) {
                for (long c : a.centreIds()) {
                    visits.add(new Replan.Visit(rp.index(), c, a.officerId(), r.nextInt(100) < finishedPercent));
                }
            }
        }
        List<Long> working = plan.rounds().isEmpty() ? List.of()
                : plan.rounds().get(0).assignments().stream().map(DayPlan.OfficerRound::officerId).toList();
        if (working.isEmpty()) {
            return;
        }
        long absent = working.get(r.nextInt(working.size()));
        Replan.Input in = new Replan.Input(day.districtId(), day.timeZone(), day.date(), absent, day.rounds(), day.officers(), visits,
                day.previousPairs());
        Seed seed = GeneratedDistrict.seed(random + 17);
        Replan.Result res = Replan.plan(in, seed);

        Map<String, Replan.Visit> before = new HashMap<>();
        visits.forEach(v -> before.put(v.round() + "/" + v.centreId(), v));
        List<String> shouldMove = visits.stream().filter(v -> v.officerId() == absent && !v.finished())
                .map(v -> v.round() + "/" + v.centreId()).sorted().toList();
        List<String> moved = res.moves().stream().map(m -> m.round() + "/" + m.centreId()).sorted().toList();
        assertThat(moved).isEqualTo(shouldMove);
        Map<Long, RosterEntry> roster = new HashMap<>();
        day.officers().forEach(o -> roster.put(o.officerId(), o));
        for (Replan.Move mv : res.moves()) {
            assertThat(before.get(mv.round() + "/" + mv.centreId()).finished()).isFalse();
            assertThat(mv.fromOfficerId()).isEqualTo(absent);
            if (mv.toOfficerId() == null) {
                assertThat(res.unmet()).anyMatch(u -> u.centreId() != null && u.centreId() == mv.centreId() && u.round() == mv.round());
            } else {
                RosterEntry to = roster.get(mv.toOfficerId());
                assertThat(mv.toOfficerId()).isNotEqualTo(absent);
                assertThat(to.availableOn(day.date())).isTrue();
                assertThat(to.conflictsWith(mv.centreId())).isFalse();
            }
        }
        // Deterministic through the published form.
        Replan.Input again = Replan.input(Canonical.parse(Canonical.string(Replan.inputs(in))));
        assertThat(again).isEqualTo(in);
        assertThat(Canonical.string(Replan.result(again, Replan.plan(again, seed)))).isEqualTo(Canonical.string(Replan.result(in, res)));
    }

    @Property(tries = 200)
    void reDrawnVisitsGoToTheLeastLoadedOfficersFirst(@ForAll @IntRange(min = 2, max = 6) int officers,
                                                      @ForAll @IntRange(min = 1, max = 30) int centres, @ForAll long random) {
        DayInput day = GeneratedDistrict.day(officers, centres, 0, 0, random);
        DayPlan plan = Planner.plan(day, GeneratedDistrict.seed(random));
        List<Replan.Visit> visits = new ArrayList<>();
        for (DayPlan.RoundPlan rp : plan.rounds()) {
            for (DayPlan.OfficerRound a : rp.assignments()) {
                a.centreIds().forEach(c -> visits.add(new Replan.Visit(rp.index(), c, a.officerId(), false)));
            }
        }
        List<DayPlan.OfficerRound> first = plan.rounds().get(0).assignments();
        if (first.size() < 2) {
            return;
        }
        long absent = first.get(0).officerId();
        Replan.Result res = Replan.plan(new Replan.Input(day.districtId(), day.timeZone(), day.date(), absent, day.rounds(),
                day.officers(), visits, List.of()), GeneratedDistrict.seed(random + 1));
        // Without conflicts the balanced plan stays balanced among the others after the re-draw.
        assertThat(res.unmet()).noneMatch(u -> u.rule().equals(Unmet.BALANCE));
    }
}
