package org.carewatch.patrol.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.plan.DateRange;
import org.carewatch.patrol.plan.RosterEntry;
import org.carewatch.patrol.plan.TestDistricts;
import org.carewatch.patrol.plan.Unmet;
import org.carewatch.patrol.publish.DrawRecord;
import org.carewatch.patrol.publish.Exports;
import org.carewatch.patrol.publish.Verifier;
import org.junit.jupiter.api.Test;

/** Field spot checks on generated districts: the share, distinct centres, inspectors, conflicts, weighting, verification. */
class SpotCheckDrawPropertiesTest {
    static final LocalDate FROM = LocalDate.of(2025, 3, 10);

    static SpotCheckDraw.Input district(int centres, int officers, int conflictPercent, String share, long random) {
        Random r = new Random(random);
        List<SpotCheckDraw.CentreRisk> cs = new ArrayList<>();
        for (int i = 0; i < centres; i++) {
            cs.add(new SpotCheckDraw.CentreRisk(10 + i, r.nextInt(5) == 0 ? List.of(6) : List.of(1, 2, 3, 4, 5), r.nextInt(4), r.nextInt(3)));
        }
        List<RosterEntry> os = new ArrayList<>();
        for (int i = 0; i < officers; i++) {
            List<Long> conflicts = new ArrayList<>();
            for (SpotCheckDraw.CentreRisk c : cs) {
                if (r.nextInt(100) < conflictPercent) {
                    conflicts.add(c.centreId());
                }
            }
            os.add(new RosterEntry(1 + i, List.of(1, 2, 3, 4, 5), r.nextInt(6) == 0 ? List.of(new DateRange(FROM, FROM.plusDays(1))) : List.of(),
                    conflicts));
        }
        return new SpotCheckDraw.Input(7, "Asia/Shanghai", FROM, FROM.plusDays(r.nextInt(10)), share, FROM.minusDays(90), 2, cs, os);
    }

    @Property(tries = 300)
    void drawsTheShareWithTwoInspectorsFreeOfConflictsAndVerifies(@ForAll @IntRange(min = 0, max = 40) int centres,
                                                                   @ForAll @IntRange(min = 0, max = 8) int officers,
                                                                   @ForAll @IntRange(min = 0, max = 60) int conflicts,
                                                                   @ForAll @IntRange(min = 1, max = 100) int percent, @ForAll long random) {
        String share = new BigDecimal(percent).movePointLeft(2).toPlainString();
        SpotCheckDraw.Input in = district(centres, officers, conflicts, share, random);
        var seed = TestDistricts.seed(random);
        SpotCheckDraw.Result res = SpotCheckDraw.draw(in, seed);
        Map<Long, RosterEntry> roster = new HashMap<>();
        in.officers().forEach(o -> roster.put(o.officerId(), o));
        assertThat(new HashSet<>(res.checks().stream().map(SpotCheckDraw.Check::centreId).toList())).hasSize(res.checks().size());
        for (SpotCheckDraw.Check c : res.checks()) {
            assertThat(c.date()).isBetween(in.from(), in.to());
            var centre = in.centres().stream().filter(x -> x.centreId() == c.centreId()).findFirst().orElseThrow();
            assertThat(centre.openDays()).contains(c.date().getDayOfWeek().getValue());
            assertThat(c.inspectorIds()).doesNotHaveDuplicates();
            for (long o : c.inspectorIds()) {
                assertThat(roster.get(o).conflictsWith(c.centreId())).isFalse();
                assertThat(roster.get(o).availableOn(c.date())).isTrue();
            }
            long free = in.officers().stream().filter(o -> o.availableOn(c.date()) && !o.conflictsWith(c.centreId())).count();
            assertThat(c.inspectorIds()).hasSize((int) Math.min(2, free));
            if (c.inspectorIds().size() < 2) {
                assertThat(res.unmet()).anyMatch(u -> u.rule().equals(Unmet.INSPECTORS) && u.centreId() == c.centreId());
            }
        }
        long open = in.centres().stream().filter(c -> openIn(c, in.from(), in.to())).count();
        long expected = new BigDecimal(in.share()).multiply(BigDecimal.valueOf(open))
                .setScale(0, RoundingMode.CEILING).longValue();
        assertThat(res.checks()).hasSize((int) expected);
        var doc = Exports.spotCheck(DrawRecord.of(SpotCheckDraw.inputs(in), seed, SpotCheckDraw.result(in, res)));
        assertThat(Verifier.verify(Canonical.parse(doc.toString())).verified()).isTrue();
    }

    @Test
    void riskierCentresAreDrawnMoreOften() {
        // Two centres, one with 8 findings and overdue alerts (weight 9) and one with none (weight 1); one is drawn.
        List<SpotCheckDraw.CentreRisk> cs = List.of(new SpotCheckDraw.CentreRisk(1, List.of(1, 2, 3, 4, 5), 5, 3),
                new SpotCheckDraw.CentreRisk(2, List.of(1, 2, 3, 4, 5), 0, 0));
        List<RosterEntry> os = List.of(new RosterEntry(1, List.of(1, 2, 3, 4, 5), List.of(), List.of()),
                new RosterEntry(2, List.of(1, 2, 3, 4, 5), List.of(), List.of()));
        SpotCheckDraw.Input in = new SpotCheckDraw.Input(7, "Asia/Shanghai", FROM, FROM.plusDays(4), "0.5", FROM.minusDays(90), 2, cs, os);
        int risky = 0;
        for (int i = 0; i < 2000; i++) {
            if (SpotCheckDraw.draw(in, TestDistricts.seed(i)).checks().get(0).centreId() == 1) {
                risky++;
            }
        }
        assertThat(risky).isBetween(1700, 1900); // 90 % expected
    }

    private static boolean openIn(SpotCheckDraw.CentreRisk c, LocalDate from, LocalDate to) {
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (c.openDays().contains(d.getDayOfWeek().getValue())) {
                return true;
            }
        }
        return false;
    }
}
