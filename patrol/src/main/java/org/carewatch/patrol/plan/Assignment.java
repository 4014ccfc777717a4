package org.carewatch.patrol.plan;

import java.util.ArrayList;
import java.util.List;
import org.carewatch.patrol.draw.DrawRandom;

/**
 * The exact assignment of visits to officers as a min-cost flow, used when the fast draw cannot prove its
 * result optimal and for re-planning. Network: visit → officer-in-round (allowed pairs only; cost
 * 1 for a pair of the previous day, else 0) → officer → sink. An officer's load in a round and in the day is
 * priced convexly (the unit that brings a load from ℓ to ℓ+1 costs B·ℓ, B larger than any number of repeated
 * pairs), so a minimum-cost flow covers every visit that has an allowed officer, then makes loads within one
 * of each other in every round and over the day whenever that is possible, and only then avoids repeated
 * pairs. Loads far above the average go through an overflow edge dearer than any balanced plan.
 */
final class Assignment {
    private Assignment() {
    }

    /**
     * One round's visits, each with the officers (indices, sorted) it may not have (declared conflicts) and
     * those it had the day before (repeated pairs, never also conflicted). Kept sparse: most officers may
     * take most visits.
     */
    record RoundVisits(int officers, int[][] conflicted, int[][] repeated) {
        int size() {
            return conflicted.length;
        }

        boolean allowed(int v, int o) {
            return java.util.Arrays.binarySearch(conflicted[v], o) < 0;
        }

        boolean repeat(int v, int o) {
            return java.util.Arrays.binarySearch(repeated[v], o) >= 0;
        }

        int[] allowedList(int v) {
            int[] out = new int[officers - conflicted[v].length];
            int k = 0;
            for (int o = 0; o < officers; o++) {
                if (allowed(v, o)) {
                    out[k++] = o;
                }
            }
            return out;
        }

        /** Allowed officers that are not repeated pairs. */
        int fresh(int v) {
            return officers - conflicted[v].length - repeated[v].length;
        }
    }

    /**
     * @param baseRound loads officers already carry per round (re-planning), [round][officer]
     * @param baseDay   loads officers already carry over the day
     * @return per round, per visit, the officer index or -1
     */
    static int[][] exact(List<RoundVisits> rounds, int m, int[][] baseRound, int[] baseDay, DrawRandom rng) {
        int rCount = rounds.size();
        int total = 0;
        for (RoundVisits rv : rounds) {
            total += rv.size();
        }
        int[][] out = new int[rCount][];
        if (m == 0 || total == 0) {
            for (int r = 0; r < rCount; r++) {
                out[r] = new int[rounds.get(r).size()];
                java.util.Arrays.fill(out[r], -1);
            }
            return out;
        }
        long b = total + 1L;
        // Edge order decides ties: visits and officers in a random order.
        int[] officerOrder = permutation(m, rng);
        int sink = 1;
        int officerBase = 2;
        int roundOfficerBase = officerBase + m;
        int visitBase = roundOfficerBase + m * rCount;
        MinCostFlow f = new MinCostFlow(visitBase + total);

        // Unit edges first (their costs bound what a plan without overflow can cost).
        long unitCostSum = 0;
        int[] roundK = new int[rCount];
        int dayK;
        for (int r = 0; r < rCount; r++) {
            roundK[r] = unitsAbove(baseRound[r], rounds.get(r).size(), m);
        }
        dayK = unitsAbove(baseDay, total, m);
        for (int r = 0; r < rCount; r++) {
            for (int o = 0; o < m; o++) {
                unitCostSum += unitCosts(baseRound[r][o], roundK[r], rounds.get(r).size(), b);
            }
        }
        for (int o = 0; o < m; o++) {
            unitCostSum += unitCosts(baseDay[o], dayK, total, b);
        }
        long overflow = unitCostSum + total + 1;
        for (int r = 0; r < rCount; r++) {
            int n = rounds.get(r).size();
            for (int oi = 0; oi < m; oi++) {
                int o = officerOrder[oi];
                int node = roundOfficerBase + r * m + o;
                int units = Math.min(n, Math.max(0, roundK[r] - baseRound[r][o]));
                for (int u = 0; u < units; u++) {
                    f.addEdge(node, officerBase + o, 1, b * (baseRound[r][o] + u));
                }
                if (n > units) {
                    f.addEdge(node, officerBase + o, n - units, overflow);
                }
            }
        }
        for (int oi = 0; oi < m; oi++) {
            int o = officerOrder[oi];
            int units = Math.min(total, Math.max(0, dayK - baseDay[o]));
            for (int u = 0; u < units; u++) {
                f.addEdge(officerBase + o, sink, 1, b * (baseDay[o] + u));
            }
            if (total > units) {
                f.addEdge(officerBase + o, sink, total - units, overflow);
            }
        }
        int[][][] edgeIds = new int[rCount][][];
        int visitNode = visitBase;
        int[] rank = new int[m];
        for (int i = 0; i < m; i++) {
            rank[officerOrder[i]] = i;
        }
        for (int r = 0; r < rCount; r++) {
            RoundVisits rv = rounds.get(r);
            edgeIds[r] = new int[rv.size()][];
            List<Integer> order = new ArrayList<>();
            for (int v = 0; v < rv.size(); v++) {
                order.add(v);
            }
            rng.shuffle(order);
            for (int v : order) {
                int node = visitNode++;
                int[] allowed = rv.allowedList(v);
                Integer[] idx = new Integer[allowed.length];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = i;
                }
                java.util.Arrays.sort(idx, (x, y) -> Integer.compare(rank[allowed[x]], rank[allowed[y]]));
                edgeIds[r][v] = new int[allowed.length];
                for (int i : idx) {
                    edgeIds[r][v][i] = f.addEdge(node, roundOfficerBase + r * m + allowed[i], 1, rv.repeat(v, allowed[i]) ? 1 : 0);
                }
            }
        }
        // Visits join one by one (in the random order they were added), each along its cheapest path.
        for (int node = visitBase; node < visitNode; node++) {
            f.augmentFrom(node, sink);
        }
        for (int r = 0; r < rCount; r++) {
            RoundVisits rv = rounds.get(r);
            out[r] = new int[rv.size()];
            for (int v = 0; v < rv.size(); v++) {
                out[r][v] = -1;
                int[] allowed = rv.allowedList(v);
                for (int i = 0; i < allowed.length; i++) {
                    if (f.flow(edgeIds[r][v][i]) > 0) {
                        out[r][v] = allowed[i];
                    }
                }
            }
        }
        return out;
    }

    /** The load level up to which units are priced one by one: two above the balanced level. */
    private static int unitsAbove(int[] base, int n, int m) {
        long sum = n;
        for (int x : base) {
            sum += x;
        }
        return (int) ((sum + m - 1) / m) + 2;
    }

    private static long unitCosts(int base, int k, int n, long b) {
        int units = Math.min(n, Math.max(0, k - base));
        long s = 0;
        for (int u = 0; u < units; u++) {
            s += b * (base + u);
        }
        return s;
    }

    static int[] permutation(int m, DrawRandom rng) {
        List<Integer> p = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            p.add(i);
        }
        rng.shuffle(p);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = p.get(i);
        }
        return out;
    }
}
