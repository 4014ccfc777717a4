package org.carewatch.tools.bench.patrol;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.draw.Seed;
import org.carewatch.patrol.plan.CentreSpec;
import org.carewatch.patrol.plan.Coverage;
import org.carewatch.patrol.plan.DateRange;
import org.carewatch.patrol.plan.DayInput;
import org.carewatch.patrol.plan.DayJson;
import org.carewatch.patrol.plan.DayPlan;
import org.carewatch.patrol.plan.Pair;
import org.carewatch.patrol.plan.Planner;
import org.carewatch.patrol.plan.RosterEntry;
import org.carewatch.patrol.plan.RoundRule;
import org.carewatch.patrol.publish.DrawRecord;
import org.carewatch.patrol.publish.Exports;
import org.carewatch.patrol.publish.Verification;
import org.carewatch.patrol.publish.Verifier;

/**
 * {@code carewatch bench patrol}: drawing one day of a large district (centres, officers, three rounds,
 * declared conflicts and the previous day's plan) and verifying the exported draw, several times each.
 * {@code plan_ms} covers the draw as the service makes it (plan, canonical inputs and plan, digests);
 * {@code verify_ms} the offline verification of the exported document (parse, digests, recomputation).
 */
public final class PatrolBench {
    public record Options(int centres, int officers, int conflictsPerOfficer, int repetitions, long random) {
    }

    /** Wall-clock times, and the CPU time of the drawing thread (which a busy, shared machine inflates far less). */
    public record Result(int visits, int unmet, List<Double> planMs, List<Double> verifyMs, List<Double> planCpuMs, List<Double> verifyCpuMs) {
    }

    private PatrolBench() {
    }

    /** A generated district: weekday centres (a few open on Saturdays), 80 % with a nap window. */
    public static DayInput district(Options o, LocalDate date, List<Pair> previous) {
        Random r = new Random(o.random());
        List<CentreSpec> centres = new ArrayList<>();
        for (int i = 1; i <= o.centres(); i++) {
            List<Integer> days = r.nextInt(10) == 0 ? List.of(1, 2, 3, 4, 5, 6) : List.of(1, 2, 3, 4, 5);
            boolean nap = r.nextInt(5) > 0;
            centres.add(new CentreSpec(i, days, LocalTime.of(7, 30), LocalTime.of(17, 30), nap ? LocalTime.of(12, 0) : null,
                    nap ? LocalTime.of(14, 30) : null));
        }
        List<RosterEntry> officers = new ArrayList<>();
        for (int i = 1; i <= o.officers(); i++) {
            List<Long> conflicts = new ArrayList<>();
            for (int k = 0; k < o.conflictsPerOfficer(); k++) {
                conflicts.add(1L + r.nextInt(o.centres()));
            }
            List<DateRange> absences = r.nextInt(20) == 0 ? List.of(new DateRange(date, date.plusDays(3))) : List.of();
            officers.add(new RosterEntry(100_000L + i, List.of(1, 2, 3, 4, 5), absences, conflicts));
        }
        List<RoundRule> rounds = List.of(new RoundRule("arrival", LocalTime.of(8, 0), LocalTime.of(9, 30), Coverage.ALL_OPEN),
                new RoundRule("nap", LocalTime.of(12, 30), LocalTime.of(14, 0), Coverage.NAPPING),
                new RoundRule("pick-up", LocalTime.of(16, 0), LocalTime.of(17, 30), Coverage.ALL_OPEN));
        return new DayInput(1, "Asia/Shanghai", date, rounds, 30, 20, officers, centres, previous);
    }

    public static Result run(Options o, PrintStream out) {
        LocalDate day = LocalDate.of(2025, 3, 12);
        Random r = new Random(o.random());
        // The previous day's plan gives the pairs to avoid.
        DayInput yesterday = district(o, day.minusDays(1), List.of());
        List<Pair> previous = pairs(Planner.plan(yesterday, seed(r)));
        DayInput in = district(o, day, previous);
        out.printf("district: %d centres, %d officers, %d conflicts each, %d previous pairs%n", o.centres(), o.officers(),
                o.conflictsPerOfficer(), previous.size());
        List<Double> planMs = new ArrayList<>();
        List<Double> verifyMs = new ArrayList<>();
        List<Double> planCpu = new ArrayList<>();
        List<Double> verifyCpu = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int visits = 0;
        int unmet = 0;
        for (int i = -2; i < o.repetitions(); i++) { // two warm-up rounds
            Seed seed = seed(r);
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            DayPlan plan = Planner.plan(in, seed);
            DrawRecord record = DrawRecord.of(DayJson.inputs(in), seed, DayJson.plan(in, plan));
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            String exported = Exports.day(record, List.of()).toString();
            long c2 = threads.getCurrentThreadCpuTime();
            long t2 = System.nanoTime();
            Verification v = Verifier.verify(Canonical.parse(exported));
            long t3 = System.nanoTime();
            long c3 = threads.getCurrentThreadCpuTime();
            if (!v.verified()) {
                throw new IllegalStateException("the benchmark's own draw does not verify: " + v.reason());
            }
            visits = plan.rounds().stream().mapToInt(x -> x.assignments().stream().mapToInt(a -> a.centreIds().size()).sum()).sum();
            unmet = plan.unmet().size();
            if (i >= 0) {
                planMs.add((t1 - t0) / 1e6);
                verifyMs.add((t3 - t2) / 1e6);
                planCpu.add((c1 - c0) / 1e6);
                verifyCpu.add((c3 - c2) / 1e6);
                out.printf("repetition %d: plan %.1f ms (cpu %.1f), verify %.1f ms (cpu %.1f) (%d visits, %d unmet)%n", i + 1,
                        (t1 - t0) / 1e6, (c1 - c0) / 1e6, (t3 - t2) / 1e6, (c3 - c2) / 1e6, visits, unmet);
            }
        }
        return new Result(visits, unmet, planMs, verifyMs, planCpu, verifyCpu);
    }

    /** The headline figures as one JSON object (sampling figures join it later). */
    public static String json(Options o, Result res) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bench", "patrol");
        m.put("centres", o.centres());
        m.put("officers", o.officers());
        m.put("rounds", 3);
        m.put("visits", res.visits());
        m.put("unmet", res.unmet());
        m.put("repetitions", o.repetitions());
        m.put("plan_ms", round(median(res.planMs())));
        m.put("plan_ms_max", round(max(res.planMs())));
        m.put("verify_ms", round(median(res.verifyMs())));
        m.put("verify_ms_max", round(max(res.verifyMs())));
        m.put("plan_cpu_ms", round(median(res.planCpuMs())));
        m.put("verify_cpu_ms", round(median(res.verifyCpuMs())));
        try {
            return Canonical.MAPPER.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Pair> pairs(DayPlan plan) {
        List<Pair> out = new ArrayList<>();
        for (DayPlan.RoundPlan rp : plan.rounds()) {
            for (DayPlan.OfficerRound a : rp.assignments()) {
                a.centreIds().forEach(c -> out.add(new Pair(a.officerId(), c)));
            }
        }
        return out;
    }

    private static Seed seed(Random r) {
        byte[] b = new byte[32];
        r.nextBytes(b);
        return new Seed(b);
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? 0 : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }

}
