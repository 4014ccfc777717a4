package org.carewatch.patrol.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.draw.Seed;

/** The planner's rules on generated districts (sizes, conflicts and previous pairs vary; the oracle is independent). */
class PlannerPropertiesTest {

    @Property(tries = 400)
    void everyOpenCentreIsInEachOfItsRoundsOrNamedUnmet(@ForAll @IntRange(min = 0, max = 7) int officers,
                                                        @ForAll @IntRange(min = 0, max = 30) int centres,
                                                        @ForAll @IntRange(min = 0, max = 60) int conflicts, @ForAll long random) {
        DayInput in = GeneratedDistrict.day(officers, centres, conflicts, 20, random);
        DayPlan plan = Planner.plan(in, GeneratedDistrict.seed(random));
        for (int r = 0; r < in.rounds().size(); r++) {
            RoundRule round = in.rounds().get(r);
            List<Long> assigned = new ArrayList<>();
            plan.rounds().get(r).assignments().forEach(a -> assigned.addAll(a.centreIds()));
            assertThat(assigned).doesNotHaveDuplicates();
            for (CentreSpec c : in.centres()) {
                boolean belongs = c.openOn(in.date()) && c.inRound(round);
                boolean unmet = hasUnmet(plan, r, c.id(), Unmet.CONFLICT) || hasUnmet(plan, r, c.id(), Unmet.NO_OFFICER);
                if (belongs) {
                    assertThat(assigned.contains(c.id()) ^ unmet).as("centre %d in round %s", c.id(), round.name()).isTrue();
                } else {
                    assertThat(assigned).doesNotContain(c.id());
                }
                if (round.coverage() == Coverage.NAPPING && c.openOn(in.date()) && c.hasNap()) {
                    assertThat(assigned.contains(c.id()) || unmet).as("nap round covers centre %d", c.id()).isTrue();
                }
            }
        }
        for (CentreSpec c : in.centres()) {
            if (c.openOn(in.date()) && in.rounds().stream().noneMatch(c::inRound)) {
                assertThat(plan.unmet()).anyMatch(u -> u.rule().equals(Unmet.DAILY_COVERAGE) && u.centreId() == c.id());
            }
        }
    }

    @Property(tries = 400)
    void neverAnOfficerOnACentreTheyConflictWithNorAnUnavailableOfficer(@ForAll @IntRange(min = 1, max = 7) int officers,
                                                                         @ForAll @IntRange(min = 0, max = 30) int centres,
                                                                         @ForAll @IntRange(min = 0, max = 90) int conflicts,
                                                                         @ForAll long random) {
        DayInput in = GeneratedDistrict.day(officers, centres, conflicts, 20, random);
        DayPlan plan = Planner.plan(in, GeneratedDistrict.seed(random));
        Map<Long, RosterEntry> roster = new HashMap<>();
        in.officers().forEach(o -> roster.put(o.officerId(), o));
        for (DayPlan.RoundPlan r : plan.rounds()) {
            for (DayPlan.OfficerRound a : r.assignments()) {
                RosterEntry o = roster.get(a.officerId());
                assertThat(o.availableOn(in.date())).isTrue();
                for (long c : a.centreIds()) {
                    assertThat(o.conflictsWith(c)).as("officer %d on conflicted centre %d", o.officerId(), c).isFalse();
                }
            }
        }
    }

    @Property(tries = 400)
    void loadsAreWithinOneInEveryRoundAndTheDayWheneverThatIsFeasible(@ForAll @IntRange(min = 1, max = 6) int officers,
                                                                       @ForAll @IntRange(min = 0, max = 25) int centres,
                                                                       @ForAll @IntRange(min = 0, max = 80) int conflicts,
                                                                       @ForAll long random) {
        DayInput in = GeneratedDistrict.day(officers, centres, conflicts, 30, random);
        DayPlan plan = Planner.plan(in, GeneratedDistrict.seed(random));
        boolean feasible = FeasibilityOracle.balancedPlanExists(in, false);
        boolean balanced = balanced(plan);
        if (feasible) {
            assertThat(balanced).as("a balanced plan exists, so the plan must be balanced: %s", plan).isTrue();
        }
        // The plan says so exactly when it is unbalanced.
        assertThat(plan.unmet().stream().anyMatch(u -> u.rule().equals(Unmet.BALANCE))).isEqualTo(!balanced);
    }

    @Property(tries = 400)
    void previousDayPairsAreAvoidedWheneverABalancedPlanCanAvoidThem(@ForAll @IntRange(min = 1, max = 6) int officers,
                                                                      @ForAll @IntRange(min = 0, max = 25) int centres,
                                                                      @ForAll @IntRange(min = 0, max = 40) int conflicts,
                                                                      @ForAll @IntRange(min = 0, max = 80) int previous,
                                                                      @ForAll long random) {
        DayInput in = GeneratedDistrict.day(officers, centres, conflicts, previous, random);
        DayPlan plan = Planner.plan(in, GeneratedDistrict.seed(random));
        Set<Pair> prev = new HashSet<>(in.previousPairs());
        int repeats = 0;
        for (DayPlan.RoundPlan r : plan.rounds()) {
            for (DayPlan.OfficerRound a : r.assignments()) {
                for (long c : a.centreIds()) {
                    if (prev.contains(new Pair(a.officerId(), c))) {
                        repeats++;
                        assertThat(plan.unmet()).anyMatch(u -> u.rule().equals(Unmet.CONSECUTIVE_DAY) && u.centreId() == c
                                && u.officerId() == a.officerId() && u.round() == r.index());
                    }
                }
            }
        }
        if (FeasibilityOracle.balancedPlanExists(in, true)) {
            assertThat(repeats).as("a balanced plan without repeated pairs exists").isZero();
        }
    }

    @Property(tries = 200)
    void theSameInputsAndSeedGiveTheSameBytesAlsoThroughTheirPublishedForm(@ForAll @IntRange(min = 0, max = 7) int officers,
                                                                           @ForAll @IntRange(min = 0, max = 30) int centres,
                                                                           @ForAll long random) {
        DayInput in = GeneratedDistrict.day(officers, centres, 20, 30, random);
        Seed seed = GeneratedDistrict.seed(random);
        String once = Canonical.string(DayJson.plan(in, Planner.plan(in, seed)));
        DayInput again = DayJson.input(Canonical.parse(Canonical.string(DayJson.inputs(in))));
        assertThat(again).isEqualTo(in);
        assertThat(Canonical.string(DayJson.plan(again, Planner.plan(again, seed)))).isEqualTo(once);
    }

    @Property(tries = 100)
    void anotherSeedDrawsAnotherPlan(@ForAll @IntRange(min = 3, max = 7) int officers, @ForAll @IntRange(min = 12, max = 30) int centres,
                                     @ForAll long random) {
        DayInput in = GeneratedDistrict.day(officers, centres, 0, 0, random);
        String a = Canonical.string(DayJson.plan(in, Planner.plan(in, GeneratedDistrict.seed(random))));
        String b = Canonical.string(DayJson.plan(in, Planner.plan(in, GeneratedDistrict.seed(random + 1))));
        // With at least 3 officers and 12 centres the chance of two equal draws is negligible.
        if (in.officers().stream().filter(o -> o.availableOn(in.date())).count() >= 3
                && in.centres().stream().filter(c -> c.openOn(in.date())).count() >= 12) {
            assertThat(a).isNotEqualTo(b);
        }
    }

    static boolean balanced(DayPlan plan) {
        Map<Long, Integer> day = new HashMap<>();
        for (DayPlan.RoundPlan r : plan.rounds()) {
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (DayPlan.OfficerRound a : r.assignments()) {
                min = Math.min(min, a.centreIds().size());
                max = Math.max(max, a.centreIds().size());
                day.merge(a.officerId(), a.centreIds().size(), Integer::sum);
            }
            if (!r.assignments().isEmpty() && max - min > 1) {
                return false;
            }
        }
        int min = day.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = day.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return max - min <= 1;
    }

    private static boolean hasUnmet(DayPlan plan, int round, long centre, String rule) {
        return plan.unmet().stream().anyMatch(u -> u.rule().equals(rule) && u.round() != null && u.round() == round
                && u.centreId() != null && u.centreId() == centre);
    }
}
