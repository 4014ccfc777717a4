package org.carewatch.patrol.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An independent check, by a plain max-flow with lower bounds, of whether a day can be planned with every
 * coverable visit covered, no conflicts, loads within one in every round and over the day, and (optionally)
 * no pair of the previous day. The planner must meet balance (and avoid repeats) whenever this says it can.
 */
final class FeasibilityOracle {
    private FeasibilityOracle() {
    }

    static boolean balancedPlanExists(DayInput in, boolean withoutRepeats) {
        List<RosterEntry> av = in.officers().stream().filter(o -> o.availableOn(in.date())).toList();
        int m = av.size();
        if (m == 0) {
            return true;
        }
        Set<Pair> prev = new HashSet<>(in.previousPairs());
        int rCount = in.rounds().size();
        List<List<int[]>> visits = new ArrayList<>();
        int[] n = new int[rCount];
        for (int r = 0; r < rCount; r++) {
            List<int[]> vs = new ArrayList<>();
            for (CentreSpec c : in.centres()) {
                if (!c.openOn(in.date()) || !c.inRound(in.rounds().get(r))) {
                    continue;
                }
                List<Integer> allowed = new ArrayList<>();
                boolean any = false;
                for (int o = 0; o < m; o++) {
                    if (av.get(o).conflictsWith(c.id())) {
                        continue;
                    }
                    any = true;
                    if (!withoutRepeats || !prev.contains(new Pair(av.get(o).officerId(), c.id()))) {
                        allowed.add(o);
                    }
                }
                if (any) { // a visit nobody may take is not counted in the loads
                    vs.add(allowed.stream().mapToInt(Integer::intValue).toArray());
                    n[r]++;
                }
            }
            visits.add(vs);
        }
        int total = Arrays.stream(n).sum();
        // nodes: S, T, visits, (o,r), o
        int s = 0;
        int t = 1;
        int orBase = 2;
        int oBase = orBase + m * rCount;
        int vBase = oBase + m;
        Flow f = new Flow(vBase + total);
        int v = vBase;
        for (int r = 0; r < rCount; r++) {
            for (int[] allowed : visits.get(r)) {
                f.edge(s, v, 1, 1);
                for (int o : allowed) {
                    f.edge(v, orBase + r * m + o, 0, 1);
                }
                v++;
            }
            for (int o = 0; o < m; o++) {
                f.edge(orBase + r * m + o, oBase + o, n[r] / m, (n[r] + m - 1) / m);
            }
        }
        for (int o = 0; o < m; o++) {
            f.edge(oBase + o, t, total / m, (total + m - 1) / m);
        }
        return f.feasible(s, t);
    }

    /** Max-flow (Edmonds-Karp) with lower bounds through the usual circulation reduction. */
    private static final class Flow {
        final int n;
        final List<int[]> edges = new ArrayList<>(); // {from, to, cap}
        final List<List<Integer>> adj = new ArrayList<>();
        final int[] excess;

        Flow(int nodes) {
            n = nodes + 2;
            for (int i = 0; i < n; i++) {
                adj.add(new ArrayList<>());
            }
            excess = new int[n];
        }

        void edge(int u, int v, int lo, int hi) {
            add(u, v, hi - lo);
            excess[v] += lo;
            excess[u] -= lo;
        }

        private void add(int u, int v, int cap) {
            adj.get(u).add(edges.size());
            edges.add(new int[] {u, v, cap});
            adj.get(v).add(edges.size());
            edges.add(new int[] {v, u, 0});
        }

        boolean feasible(int s, int t) {
            add(t, s, Integer.MAX_VALUE / 2);
            int ss = n - 2;
            int tt = n - 1;
            int need = 0;
            for (int i = 0; i < n - 2; i++) {
                if (excess[i] > 0) {
                    add(ss, i, excess[i]);
                    need += excess[i];
                } else if (excess[i] < 0) {
                    add(i, tt, -excess[i]);
                }
            }
            int flow = 0;
            while (true) {
                int[] via = new int[n];
                Arrays.fill(via, -1);
                ArrayDeque<Integer> q = new ArrayDeque<>();
                q.add(ss);
                via[ss] = -2;
                while (!q.isEmpty() && via[tt] == -1) {
                    int u = q.poll();
                    for (int e : adj.get(u)) {
                        int[] ed = edges.get(e);
                        if (ed[2] > 0 && via[ed[1]] == -1) {
                            via[ed[1]] = e;
                            q.add(ed[1]);
                        }
                    }
                }
                if (via[tt] == -1) {
                    return flow == need;
                }
                int push = Integer.MAX_VALUE;
                for (int x = tt; x != ss; x = edges.get(via[x])[0]) {
                    push = Math.min(push, edges.get(via[x])[2]);
                }
                for (int x = tt; x != ss; x = edges.get(via[x])[0]) {
                    edges.get(via[x])[2] -= push;
                    edges.get(via[x] ^ 1)[2] += push;
                }
                flow += push;
            }
        }
    }
}
