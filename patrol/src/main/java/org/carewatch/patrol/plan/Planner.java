package org.carewatch.patrol.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carewatch.patrol.draw.DrawRandom;
import org.carewatch.patrol.draw.Seed;

/**
 * Draws a day (pure: no I/O, no clock; the same input and seed give the same plan).
 *
 * <p>Rules, in priority order: every open centre is in each round it belongs to (the nap round: every open
 * centre with a nap window); never an officer on a centre they declared a conflict with; loads within one of
 * each other across the officers available that day, in every round and over the day; the same
 * officer-centre pair as the previous day avoided. Unmet rules are listed, never a reason to fail.
 *
 * <p>The fast path fixes each officer's load per round first (the remainder of each round goes to officers
 * in a random cyclic order, so day totals are within one too), then fills the loads in a random order,
 * most constrained visits first, repairing with augmenting paths. When that result meets every rule, or
 * repeats only pairs that no plan could avoid, it is optimal; otherwise the exact min-cost flow of
 * {@link Assignment} decides. Randomness streams (labels of {@link DrawRandom}): {@code targets},
 * {@code assign/<round>}, {@code exact}, {@code order/<round>}.
 */
public final class Planner {
    private Planner() {
    }

    public static DayPlan plan(DayInput in, Seed seed) {
        List<RosterEntry> available = in.officers().stream().filter(o -> o.availableOn(in.date())).toList();
        int m = available.size();
        Map<Long, Set<Long>> previous = new HashMap<>();
        for (Pair p : in.previousPairs()) {
            previous.computeIfAbsent(p.centreId(), k -> new HashSet<>()).add(p.officerId());
        }
        List<CentreSpec> open = in.centres().stream().filter(c -> c.openOn(in.date())).toList();
        List<Unmet> unmet = new ArrayList<>();
        for (CentreSpec c : open) {
            if (in.rounds().stream().noneMatch(c::inRound)) {
                unmet.add(new Unmet(Unmet.DAILY_COVERAGE, null, c.id(), null, "open, but in no round"));
            }
        }
        int rCount = in.rounds().size();
        Map<Long, Integer> index = new HashMap<>();
        for (int o = 0; o < m; o++) {
            index.put(available.get(o).officerId(), o);
        }
        Map<Long, List<Integer>> conflictedBy = new HashMap<>();
        for (int o = 0; o < m; o++) {
            for (long c : available.get(o).conflictCentreIds()) {
                conflictedBy.computeIfAbsent(c, k -> new ArrayList<>()).add(o);
            }
        }
        List<long[]> placeable = new ArrayList<>();
        List<Assignment.RoundVisits> roundVisits = new ArrayList<>();
        int forced = 0;
        for (int r = 0; r < rCount; r++) {
            RoundRule round = in.rounds().get(r);
            List<Long> ids = new ArrayList<>();
            List<int[]> conflicted = new ArrayList<>();
            List<int[]> repeated = new ArrayList<>();
            for (CentreSpec c : open) {
                if (!c.inRound(round)) {
                    continue;
                }
                if (m == 0) {
                    unmet.add(new Unmet(Unmet.NO_OFFICER, r, c.id(), null, "no officer is available this day"));
                    continue;
                }
                int[] conf = conflictedBy.getOrDefault(c.id(), List.of()).stream().mapToInt(Integer::intValue).sorted().toArray();
                if (conf.length == m) {
                    unmet.add(new Unmet(Unmet.CONFLICT, r, c.id(), null, "every available officer declared a conflict"));
                    continue;
                }
                int[] rep = previous.getOrDefault(c.id(), Set.of()).stream().map(index::get)
                        .filter(o -> o != null && Arrays.binarySearch(conf, o) < 0).mapToInt(Integer::intValue).sorted().toArray();
                if (rep.length + conf.length == m) {
                    forced++;
                }
                ids.add(c.id());
                conflicted.add(conf);
                repeated.add(rep);
            }
            placeable.add(ids.stream().mapToLong(Long::longValue).toArray());
            roundVisits.add(new Assignment.RoundVisits(m, conflicted.toArray(int[][]::new), repeated.toArray(int[][]::new)));
        }

        int[][] assigned = m == 0 ? empty(roundVisits) : fast(roundVisits, m, seed, forced);
        if (assigned == null) {
            assigned = Assignment.exact(roundVisits, m, new int[rCount][m], new int[m], DrawRandom.stream(seed, "exact"));
        }

        List<DayPlan.RoundPlan> rounds = new ArrayList<>();
        int[] day = new int[m];
        for (int r = 0; r < rCount; r++) {
            RoundRule round = in.rounds().get(r);
            List<List<Long>> per = new ArrayList<>();
            for (int o = 0; o < m; o++) {
                per.add(new ArrayList<>());
            }
            Assignment.RoundVisits rv = roundVisits.get(r);
            for (int v = 0; v < rv.size(); v++) {
                int o = assigned[r][v];
                long centre = placeable.get(r)[v];
                if (o < 0) {
                    // Only when every allowed officer was unusable, which the flow never leaves: kept for safety.
                    unmet.add(new Unmet(Unmet.CONFLICT, r, centre, null, "no allowed officer could take it"));
                    continue;
                }
                per.get(o).add(centre);
                if (previous.getOrDefault(centre, Set.of()).contains(available.get(o).officerId())) {
                    unmet.add(new Unmet(Unmet.CONSECUTIVE_DAY, r, centre, available.get(o).officerId(),
                            "the same officer had this centre the day before; no plan within the other rules avoids it"));
                }
            }
            DrawRandom order = DrawRandom.stream(seed, "order/" + r);
            List<DayPlan.OfficerRound> assignments = new ArrayList<>();
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int o = 0; o < m; o++) {
                List<Long> list = per.get(o);
                list.sort(null);
                order.shuffle(list);
                assignments.add(new DayPlan.OfficerRound(available.get(o).officerId(), List.copyOf(list)));
                min = Math.min(min, list.size());
                max = Math.max(max, list.size());
                day[o] += list.size();
            }
            if (m > 0 && max - min > 1) {
                unmet.add(new Unmet(Unmet.BALANCE, r, null, null, "loads in this round range from " + min + " to " + max));
            }
            rounds.add(new DayPlan.RoundPlan(r, round.name(), round.startsAt(), round.endsAt(), assignments));
        }
        if (m > 0) {
            int min = Arrays.stream(day).min().orElse(0);
            int max = Arrays.stream(day).max().orElse(0);
            if (max - min > 1) {
                unmet.add(new Unmet(Unmet.BALANCE, null, null, null, "day loads range from " + min + " to " + max));
            }
        }
        unmet.sort(UNMET_ORDER);
        return new DayPlan(rounds, unmet);
    }

    static final Comparator<Unmet> UNMET_ORDER = Comparator
            .comparing((Unmet u) -> u.round() == null ? -1 : u.round())
            .thenComparing(Unmet::rule)
            .thenComparing(u -> u.centreId() == null ? -1L : u.centreId())
            .thenComparing(u -> u.officerId() == null ? -1L : u.officerId());

    private static int[][] empty(List<Assignment.RoundVisits> rounds) {
        int[][] out = new int[rounds.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = new int[rounds.get(r).size()];
            Arrays.fill(out[r], -1);
        }
        return out;
    }

    /**
     * Fixed balanced loads filled greedily with augmenting-path repair. Returns null unless every visit is
     * placed and the only repeated pairs are forced ones (then no plan can do better on any rule).
     */
    private static int[][] fast(List<Assignment.RoundVisits> rounds, int m, Seed seed, int forced) {
        int rCount = rounds.size();
        int[] perm = Assignment.permutation(m, DrawRandom.stream(seed, "targets"));
        int[][] target = new int[rCount][m];
        int k = 0;
        for (int r = 0; r < rCount; r++) {
            int n = rounds.get(r).size();
            Arrays.fill(target[r], n / m);
            int extra = n % m;
            for (int j = 0; j < extra; j++) {
                target[r][perm[(k + j) % m]]++;
            }
            k = (k + extra) % m;
        }
        int[][] out = new int[rCount][];
        int repeats = 0;
        for (int r = 0; r < rCount; r++) {
            RoundFill fill = new RoundFill(rounds.get(r), target[r], DrawRandom.stream(seed, "assign/" + r));
            if (!fill.run()) {
                return null;
            }
            out[r] = fill.officer;
            repeats += fill.repeats();
        }
        return repeats == forced ? out : null;
    }

    /** One round: visits into officers' fixed loads. */
    private static final class RoundFill {
        final Assignment.RoundVisits rv;
        final int[] target;
        final int[] load;
        final int[] officer;
        final List<List<Integer>> held = new ArrayList<>();
        final DrawRandom rng;
        /** Officers below their target, as a set with O(1) add, remove and pick by position. */
        final int[] open;
        final int[] openPos;
        int openSize;

        RoundFill(Assignment.RoundVisits rv, int[] target, DrawRandom rng) {
            this.rv = rv;
            this.target = target;
            this.rng = rng;
            int m = target.length;
            this.load = new int[m];
            this.officer = new int[rv.size()];
            Arrays.fill(officer, -1);
            open = new int[m];
            openPos = new int[m];
            Arrays.fill(openPos, -1);
            for (int o = 0; o < m; o++) {
                held.add(new ArrayList<>());
                if (target[o] > 0) {
                    openPos[o] = openSize;
                    open[openSize++] = o;
                }
            }
        }

        boolean run() {
            List<Integer> order = new ArrayList<>();
            for (int v = 0; v < rv.size(); v++) {
                order.add(v);
            }
            rng.shuffle(order);
            order.sort(Comparator.comparingInt(rv::fresh));
            List<Integer> pending = new ArrayList<>();
            for (int v : order) {
                if (rv.fresh(v) == 0 || !place(v, true)) {
                    pending.add(v);
                }
            }
            for (int v : pending) {
                if (!place(v, false)) {
                    return false;
                }
            }
            return true;
        }

        int repeats() {
            int n = 0;
            for (int v = 0; v < officer.length; v++) {
                if (officer[v] >= 0 && rv.repeat(v, officer[v])) {
                    n++;
                }
            }
            return n;
        }

        private boolean usable(int v, int o, boolean freshOnly) {
            return rv.allowed(v, o) && (!freshOnly || !rv.repeat(v, o));
        }

        private boolean place(int v, boolean freshOnly) {
            // A few random picks among the officers with room (almost always enough), then an exhaustive scan.
            for (int attempt = 0; attempt < 8 && openSize > 0; attempt++) {
                int o = open[rng.below(openSize)];
                if (usable(v, o, freshOnly)) {
                    assign(v, o, -1);
                    return true;
                }
            }
            List<Integer> free = new ArrayList<>();
            for (int i = 0; i < openSize; i++) {
                if (usable(v, open[i], freshOnly)) {
                    free.add(open[i]);
                }
            }
            if (!free.isEmpty()) {
                assign(v, free.get(rng.below(free.size())), -1);
                return true;
            }
            return augment(v, freshOnly);
        }

        /** Breadth-first search for a chain of moves that frees a place for v. */
        private boolean augment(int v, boolean freshOnly) {
            int m = target.length;
            int[] parent = new int[m];
            int[] via = new int[m];
            Arrays.fill(parent, -2);
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            reach(v, -1, freshOnly, parent, via, queue);
            while (!queue.isEmpty()) {
                int o = queue.poll();
                if (load[o] < target[o]) {
                    int cur = o;
                    while (cur >= 0) {
                        int prev = parent[cur];
                        assign(via[cur], cur, prev);
                        cur = prev;
                    }
                    return true;
                }
                for (int w : List.copyOf(held.get(o))) {
                    reach(w, o, freshOnly, parent, via, queue);
                }
            }
            return false;
        }

        private void reach(int w, int from, boolean freshOnly, int[] parent, int[] via, ArrayDeque<Integer> queue) {
            for (int p = 0; p < target.length; p++) {
                if (parent[p] == -2 && p != from && usable(w, p, freshOnly)) {
                    parent[p] = from;
                    via[p] = w;
                    queue.add(p);
                }
            }
        }

        /** Gives visit w to officer o, taking it from officer {@code from} (-1: unplaced). */
        private void assign(int w, int o, int from) {
            if (from >= 0) {
                held.get(from).remove(Integer.valueOf(w));
                load[from]--;
                if (load[from] == target[from] - 1) {
                    openAdd(from);
                }
            }
            officer[w] = o;
            held.get(o).add(w);
            load[o]++;
            if (load[o] == target[o]) {
                openRemove(o);
            }
        }

        private void openAdd(int o) {
            openPos[o] = openSize;
            open[openSize++] = o;
        }

        private void openRemove(int o) {
            int i = openPos[o];
            int last = open[--openSize];
            open[i] = last;
            openPos[last] = i;
            openPos[o] = -1;
        }
    }
}
