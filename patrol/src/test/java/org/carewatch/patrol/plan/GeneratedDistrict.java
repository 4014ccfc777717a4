package org.carewatch.patrol.plan;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.carewatch.patrol.draw.Seed;

/** A random district for property tests, built from a few sizes and a number (so jqwik can shrink the sizes). */
final class GeneratedDistrict {
    private GeneratedDistrict() {
    }

    static final LocalDate DAY = LocalDate.of(2025, 3, 12); // a Wednesday

    /**
     * @param conflictPercent chance of each officer-centre conflict
     * @param previousPercent chance of each officer-centre pair having been drawn the day before
     */
    static DayInput day(int officers, int centres, int conflictPercent, int previousPercent, long random) {
        Random r = new Random(random);
        List<RoundRule> rounds = new ArrayList<>();
        rounds.add(new RoundRule("arrival", LocalTime.of(8, 0), LocalTime.of(9, 30), Coverage.ALL_OPEN));
        if (r.nextInt(4) > 0) {
            rounds.add(new RoundRule("nap", LocalTime.of(12, 30), LocalTime.of(14, 0), Coverage.NAPPING));
        }
        if (r.nextBoolean()) {
            rounds.add(new RoundRule("pick-up", LocalTime.of(16, 0), LocalTime.of(17, 30), Coverage.ALL_OPEN));
        }
        List<CentreSpec> cs = new ArrayList<>();
        for (int i = 0; i < centres; i++) {
            long id = 100 + i * 3L;
            List<Integer> days = r.nextInt(6) == 0 ? List.of(1, 2, 4, 5) : List.of(1, 2, 3, 4, 5, 6);
            LocalTime opens = LocalTime.of(7 + r.nextInt(3), 0);
            LocalTime closes = r.nextInt(5) == 0 ? LocalTime.of(15, 30) : LocalTime.of(17, 30);
            boolean nap = r.nextInt(5) > 0;
            cs.add(new CentreSpec(id, days, opens, closes, nap ? LocalTime.of(12, 0) : null, nap ? LocalTime.of(14, 0) : null));
        }
        List<RosterEntry> os = new ArrayList<>();
        List<Pair> previous = new ArrayList<>();
        for (int i = 0; i < officers; i++) {
            long id = 1 + i * 7L;
            List<Integer> work = r.nextInt(8) == 0 ? List.of(1, 2) : List.of(1, 2, 3, 4, 5);
            List<DateRange> absences = r.nextInt(8) == 0 ? List.of(new DateRange(DAY.minusDays(1), DAY.plusDays(2))) : List.of();
            List<Long> conflicts = new ArrayList<>();
            for (CentreSpec c : cs) {
                if (r.nextInt(100) < conflictPercent) {
                    conflicts.add(c.id());
                }
                if (r.nextInt(100) < previousPercent) {
                    previous.add(new Pair(id, c.id()));
                }
            }
            os.add(new RosterEntry(id, work, absences, conflicts));
        }
        return new DayInput(42, "Asia/Shanghai", DAY, rounds, 30, 20, os, cs, previous);
    }

    static Seed seed(long random) {
        byte[] b = new byte[32];
        new Random(random ^ 0x5DEECE66DL).nextBytes(b);
        return new Seed(b);
    }
}
