package org.carewatch.patrol.plan;

import org.carewatch.patrol.draw.Seed;

/** {@link GeneratedDistrict} for tests in other packages. */
public final class TestDistricts {
    private TestDistricts() {
    }

    public static DayInput day(int officers, int centres, int conflictPercent, int previousPercent, long random) {
        return GeneratedDistrict.day(officers, centres, conflictPercent, previousPercent, random);
    }

    public static Seed seed(long random) {
        return GeneratedDistrict.seed(random);
    }
}
