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
        List<long[]> placeable = new ArrayList<>();
        List<Assignment.RoundVisits> roundVisits = new ArrayList<>();
        int forced = 0;
        for (int r = 0; r < rCount; r++) {
            RoundRule round = in.rounds().get(r);
            List<Long> ids = new ArrayList<>();
            List<int[]> allowed = new ArrayList<>();
            List<boolean[]> repeat = new ArrayList<>();
            for (CentreSpec c : open) {
                if (!c.inRound(round)) {
                    continue;
                }
                if (m == 0) {
                    unmet.add(new Unmet(Unmet.NO_OFFICER, r, c.id(), null, "no officer is available this day"));
                    continue;
                }
                Set<Long> prev = previous.getOrDefault(c.id(), Set.of());
                List<Integer> ok = new ArrayList<>();
                for (int o = 0; o < m; o++) {
                    if (!available.get(o).conflictsWith(c.id())) {
                        ok.add(o);
                    }
                }
                if (ok.isEmpty()) {
                    unmet.add(new Unmet(Unmet.CONFLICT, r, c.id(), null, "every available officer declared a conflict"));
                    continue;
                }
                int[] a = ok.stream().mapToInt(Integer::intValue).toArray();
                boolean[] rep = new boolean[a.length];
                boolean allRepeat = true;
                for (int i = 0; i < a.length; i++) {
                    rep[i] = prev.contains(available.get(a[i]).officerId());
                    allRepeat &= rep[i];
                }
                if (allRepeat) {
                    forced++;
                }
                ids.add(c.id());
                allowed.add(a);
                repeat.add(rep);
            }
            placeable.add(ids.stream().mapToLong(Long::longValue).toArray());
            roundVisits.add(new Assignment.RoundVisits(allowed.toArray(int[][]::new), repeat.toArray(boolean[][]::new)));
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

        RoundFill(Assignment.RoundVisits rv, int[] target, DrawRandom rng) {
            this.rv = rv;
            this.target = target;
            this.rng = rng;
            this.load = new int[target.length];
            this.officer = new int[rv.size()];
            Arrays.fill(officer, -1);
            for (int i = 0; i < target.length; i++) {
                held.add(new ArrayList<>());
            }
        }

        boolean run() {
            List<Integer> order = new ArrayList<>();
            int[] fresh = new int[rv.size()];
            for (int v = 0; v < rv.size(); v++) {
                order.add(v);
                for (boolean rep : rv.repeat()[v]) {
                    fresh[v] += rep ? 0 : 1;
                }
            }
            rng.shuffle(order);
            order.sort(Comparator.comparingInt(v -> fresh[v]));
            List<Integer> pending = new ArrayList<>();
            for (int v : order) {
                if (fresh[v] == 0 || !place(v, true)) {
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
                int[] a = rv.allowed()[v];
                for (int i = 0; i < a.length; i++) {
                    if (a[i] == officer[v] && rv.repeat()[v][i]) {
                        n++;
                    }
                }
            }
            return n;
        }

        private boolean place(int v, boolean freshOnly) {
            int[] a = rv.allowed()[v];
            List<Integer> free = new ArrayList<>();
            for (int i = 0; i < a.length; i++) {
                if ((!freshOnly || !rv.repeat()[v][i]) && load[a[i]] < target[a[i]]) {
                    free.add(a[i]);
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
            int[] a = rv.allowed()[w];
            for (int i = 0; i < a.length; i++) {
                int p = a[i];
                if (parent[p] == -2 && p != from && (!freshOnly || !rv.repeat()[w][i])) {
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
            }
            officer[w] = o;
            held.get(o).add(w);
            load[o]++;
        }
    }
}
