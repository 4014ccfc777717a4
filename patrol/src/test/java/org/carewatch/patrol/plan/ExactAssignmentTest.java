package org.carewatch.patrol.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.carewatch.patrol.draw.DrawRandom;

/**
 * The exact assignment is a least-cost one: checked against brute force over every assignment of small
 * instances (heavy conflicts and repeated pairs, so balance is often impossible), with the cost the flow
 * minimises written out independently: convex load costs per round and per day (B·ℓ for the unit that makes
 * a load ℓ+1, up to two above the balanced level, then an overflow price), plus one per repeated pair.
 */
class ExactAssignmentTest {

    @Property(tries = 300)
    void theExactAssignmentCostsNoMoreThanAnyOther(@ForAll @IntRange(min = 1, max = 4) int officers,
                                                   @ForAll @IntRange(min = 1, max = 3) int roundCount,
                                                   @ForAll @IntRange(min = 0, max = 80) int conflictPercent,
                                                   @ForAll @IntRange(min = 0, max = 80) int repeatPercent, @ForAll long random) {
        Random r = new Random(random);
        List<Assignment.RoundVisits> rounds = new ArrayList<>();
        int total = 0;
        for (int k = 0; k < roundCount; k++) {
            int n = r.nextInt(4);
            if (total + n > 7) {
                n = 7 - total;
            }
            int[][] conflicted = new int[n][];
            int[][] repeated = new int[n][];
            for (int v = 0; v < n; v++) {
                List<Integer> conf = new ArrayList<>();
                List<Integer> rep = new ArrayList<>();
                int keep = r.nextInt(officers); // at least one allowed officer
                for (int o = 0; o < officers; o++) {
                    if (o != keep && r.nextInt(100) < conflictPercent) {
                        conf.add(o);
                    } else if (r.nextInt(100) < repeatPercent) {
                        rep.add(o);
                    }
                }
                conflicted[v] = conf.stream().mapToInt(Integer::intValue).toArray();
                repeated[v] = rep.stream().mapToInt(Integer::intValue).toArray();
            }
            rounds.add(new Assignment.RoundVisits(officers, conflicted, repeated));
            total += n;
        }
        int[][] got = Assignment.exact(rounds, officers, new int[roundCount][officers], new int[officers], DrawRandom.stream(
                org.carewatch.patrol.plan.GeneratedDistrict.seed(random), "exact"));
        long best = brute(rounds, officers, total, new int[roundCount][], 0, 0);
        assertThat(cost(rounds, officers, total, got)).isEqualTo(best);
    }

    private static long brute(List<Assignment.RoundVisits> rounds, int m, int total, int[][] partial, int r, int v) {
        if (r == rounds.size()) {
            return cost(rounds, m, total, partial);
        }
        Assignment.RoundVisits rv = rounds.get(r);
        if (partial[r] == null) {
            partial[r] = new int[rv.size()];
        }
        if (v == rv.size()) {
            return brute(rounds, m, total, partial, r + 1, 0);
        }
        long best = Long.MAX_VALUE;
        for (int o : rv.allowedList(v)) {
            partial[r][v] = o;
            best = Math.min(best, brute(rounds, m, total, partial, r, v + 1));
        }
        return best;
    }

    static long cost(List<Assignment.RoundVisits> rounds, int m, int total, int[][] a) {
        long b = total + 1L;
        int dayK = (total + m - 1) / m + 2;
        long unitSum = 0;
        for (Assignment.RoundVisits rv : rounds) {
            int k = (rv.size() + m - 1) / m + 2;
            unitSum += m * b * triangle(Math.min(rv.size(), k));
        }
        unitSum += m * b * triangle(Math.min(total, dayK));
        long overflow = unitSum + total + 1;
        long c = 0;
        int[] day = new int[m];
        for (int r = 0; r < rounds.size(); r++) {
            Assignment.RoundVisits rv = rounds.get(r);
            int k = (rv.size() + m - 1) / m + 2;
            int[] load = new int[m];
            for (int v = 0; v < rv.size(); v++) {
                load[a[r][v]]++;
                day[a[r][v]]++;
                c += rv.repeat(v, a[r][v]) ? 1 : 0;
            }
            for (int o = 0; o < m; o++) {
                c += convex(load[o], k, b, overflow);
            }
        }
        for (int o = 0; o < m; o++) {
            c += convex(day[o], dayK, b, overflow);
        }
        return c;
    }

    /** Units 0..min(ℓ,K)-1 cost B·u each; every unit beyond K costs the overflow price. */
    private static long convex(int load, int k, long b, long overflow) {
        return b * triangle(Math.min(load, k)) + Math.max(0, load - k) * overflow;
    }

    private static long triangle(int n) {
        return (long) n * (n - 1) / 2;
    }
}
