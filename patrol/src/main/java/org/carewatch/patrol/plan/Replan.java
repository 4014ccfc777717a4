package org.carewatch.patrol.plan;

import static org.carewatch.patrol.draw.Json.date;
import static org.carewatch.patrol.draw.Json.list;
import static org.carewatch.patrol.draw.Json.longField;
import static org.carewatch.patrol.draw.Json.intField;
import static org.carewatch.patrol.draw.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.carewatch.patrol.draw.DrawRandom;
import org.carewatch.patrol.draw.Json;
import org.carewatch.patrol.draw.Seed;

/**
 * Re-planning when an officer is marked absent during the day: only that officer's unfinished visits are
 * re-drawn among the officers still available (conflicts respected, loads as even as the visits already
 * held allow, repeated pairs of the previous day avoided); finished visits and everyone else's visits never
 * move. A re-drawn visit joins the end of its new officer's round. Pure, like {@link Planner}; randomness
 * streams {@code replan/exact} and {@code replan/order}.
 */
public final class Replan {
    public static final String KIND = "replan";

    private Replan() {
    }

    /** A visit of the day as it stands before the re-plan. */
    public record Visit(int round, long centreId, long officerId, boolean finished) {
    }

    public record Input(long districtId, String timeZone, LocalDate date, long absentOfficerId, List<RoundRule> rounds,
                        List<RosterEntry> officers, List<Visit> visits, List<Pair> previousPairs) {
        public Input {
            officers = officers.stream().sorted(Comparator.comparingLong(RosterEntry::officerId)).toList();
            visits = visits.stream().sorted(Comparator.comparingInt(Visit::round).thenComparingLong(Visit::centreId)
                    .thenComparingLong(Visit::officerId)).toList();
            previousPairs = previousPairs.stream().distinct()
                    .sorted(Comparator.comparingLong(Pair::officerId).thenComparingLong(Pair::centreId)).toList();
        }
    }

    /** One re-drawn visit; {@code toOfficerId} is null when no officer may take it (see unmet). */
    public record Move(int round, long centreId, long fromOfficerId, Long toOfficerId) {
    }

    public record Result(List<Move> moves, List<Unmet> unmet) {
    }

    public static Result plan(Input in, Seed seed) {
        List<RosterEntry> available = in.officers().stream()
                .filter(o -> o.officerId() != in.absentOfficerId() && o.availableOn(in.date())).toList();
        int m = available.size();
        int rCount = in.rounds().size();
        Set<Pair> previous = new HashSet<>(in.previousPairs());
        int[][] baseRound = new int[rCount][m];
        int[] baseDay = new int[m];
        List<List<Visit>> moving = new ArrayList<>();
        for (int r = 0; r < rCount; r++) {
            moving.add(new ArrayList<>());
        }
        for (Visit v : in.visits()) {
            if (v.round() < 0 || v.round() >= rCount) {
                throw new IllegalArgumentException("visit of centre " + v.centreId() + " names round " + v.round() + ", which does not exist");
            }
            if (v.officerId() == in.absentOfficerId() && !v.finished()) {
                moving.get(v.round()).add(v);
                continue;
            }
            int o = indexOf(available, v.officerId());
            if (o >= 0) {
                baseRound[v.round()][o]++;
                baseDay[o]++;
            }
        }
        List<Unmet> unmet = new ArrayList<>();
        List<Assignment.RoundVisits> rounds = new ArrayList<>();
        List<List<Visit>> placeable = new ArrayList<>();
        List<Move> moves = new ArrayList<>();
        for (int r = 0; r < rCount; r++) {
            List<int[]> conflicted = new ArrayList<>();
            List<int[]> repeated = new ArrayList<>();
            List<Visit> ok = new ArrayList<>();
            for (Visit v : moving.get(r)) {
                List<Integer> conf = new ArrayList<>();
                List<Integer> rep = new ArrayList<>();
                for (int o = 0; o < m; o++) {
                    if (available.get(o).conflictsWith(v.centreId())) {
                        conf.add(o);
                    } else if (previous.contains(new Pair(available.get(o).officerId(), v.centreId()))) {
                        rep.add(o);
                    }
                }
                if (conf.size() == m) {
                    unmet.add(new Unmet(m == 0 ? Unmet.NO_OFFICER : Unmet.CONFLICT, r, v.centreId(), null,
                            m == 0 ? "no other officer is available" : "every other available officer declared a conflict"));
                    moves.add(new Move(r, v.centreId(), v.officerId(), null));
                    continue;
                }
                conflicted.add(conf.stream().mapToInt(Integer::intValue).toArray());
                repeated.add(rep.stream().mapToInt(Integer::intValue).toArray());
                ok.add(v);
            }
            placeable.add(ok);
            rounds.add(new Assignment.RoundVisits(m, conflicted.toArray(int[][]::new), repeated.toArray(int[][]::new)));
        }
        int[][] assigned = Assignment.exact(rounds, m, baseRound, baseDay, DrawRandom.stream(seed, "replan/exact"));
        DrawRandom order = DrawRandom.stream(seed, "replan/order");
        for (int r = 0; r < rCount; r++) {
            List<List<Long>> received = new ArrayList<>();
            for (int o = 0; o < m; o++) {
                received.add(new ArrayList<>());
            }
            List<Visit> ok = placeable.get(r);
            for (int i = 0; i < ok.size(); i++) {
                int o = assigned[r][i];
                if (o < 0) {
                    unmet.add(new Unmet(Unmet.CONFLICT, r, ok.get(i).centreId(), null, "no allowed officer could take it"));
                    moves.add(new Move(r, ok.get(i).centreId(), ok.get(i).officerId(), null));
                    continue;
                }
                received.get(o).add(ok.get(i).centreId());
            }
            for (int o = 0; o < m; o++) {
                List<Long> list = received.get(o);
                list.sort(null);
                order.shuffle(list);
                long officer = available.get(o).officerId();
                for (long centre : list) {
                    moves.add(new Move(r, centre, in.absentOfficerId(), officer));
                    baseRound[r][o]++;
                    baseDay[o]++;
                    if (previous.contains(new Pair(officer, centre))) {
                        unmet.add(new Unmet(Unmet.CONSECUTIVE_DAY, r, centre, officer,
                                "the same officer had this centre the day before; no re-plan within the other rules avoids it"));
                    }
                }
            }
            if (m > 0 && !moving.get(r).isEmpty()) {
                int min = Arrays.stream(baseRound[r]).min().orElse(0);
                int max = Arrays.stream(baseRound[r]).max().orElse(0);
                if (max - min > 1) {
                    unmet.add(new Unmet(Unmet.BALANCE, r, null, null, "loads in this round range from " + min + " to " + max
                            + " (visits already held do not move)"));
                }
            }
        }
        moves.sort(Comparator.comparingInt(Move::round)
                .thenComparing(mv -> mv.toOfficerId() == null ? Long.MAX_VALUE : mv.toOfficerId()));
        unmet.sort(Planner.UNMET_ORDER);
        return new Result(moves, unmet);
    }

    private static int indexOf(List<RosterEntry> officers, long id) {
        for (int i = 0; i < officers.size(); i++) {
            if (officers.get(i).officerId() == id) {
                return i;
            }
        }
        return -1;
    }

    // ---- published form ----

    public static ObjectNode inputs(Input in) {
        ObjectNode o = DayJson.header(KIND, in.districtId(), in.date().toString());
        o.put("timeZone", in.timeZone());
        o.put("absentOfficerId", in.absentOfficerId());
        o.set("rounds", DayJson.rounds(in.rounds()));
        o.set("officers", DayJson.officers(in.officers()));
        ArrayNode visits = o.putArray("visits");
        for (Visit v : in.visits()) {
            visits.addObject().put("round", v.round()).put("centreId", v.centreId()).put("officerId", v.officerId())
                    .put("finished", v.finished());
        }
        o.set("previousPairs", DayJson.pairs(in.previousPairs()));
        return o;
    }

    public static Input input(JsonNode n) {
        DayJson.requireHeader(n, KIND);
        return new Input(longField(n, "districtId"), text(n, "timeZone"), date(n, "date"), longField(n, "absentOfficerId"),
                DayJson.rounds(n), DayJson.officers(n),
                list(n, "visits", v -> new Visit(intField(v, "round"), longField(v, "centreId"), longField(v, "officerId"),
                        Json.field(v, "finished").asBoolean())),
                DayJson.pairs(n));
    }

    public static ObjectNode result(Input in, Result res) {
        ObjectNode o = DayJson.header(KIND, in.districtId(), in.date().toString());
        o.put("absentOfficerId", in.absentOfficerId());
        ArrayNode moves = o.putArray("moves");
        for (Move mv : res.moves()) {
            ObjectNode x = moves.addObject().put("round", mv.round()).put("centreId", mv.centreId()).put("fromOfficerId", mv.fromOfficerId());
            if (mv.toOfficerId() == null) {
                x.putNull("toOfficerId");
            } else {
                x.put("toOfficerId", mv.toOfficerId());
            }
        }
        o.set("unmet", DayJson.unmet(res.unmet()));
        return o;
    }
}
