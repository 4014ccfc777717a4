package org.carewatch.patrol.plan;

/**
 * A rule the plan could not meet, naming what it concerns. Rules: {@code daily-coverage} (an open centre in
 * no round), {@code no-officer} (nobody available that day), {@code conflict} (every available officer
 * declared a conflict with the centre), {@code balance} (loads of a round, or of the day when
 * {@code round} is null, differ by more than one), {@code consecutive-day} (the officer had the centre the
 * day before and no plan within the other rules avoids it), {@code inspectors} (a spot check has fewer
 * inspectors than required).
 */
public record Unmet(String rule, Integer round, Long centreId, Long officerId, String detail) {
    public static final String DAILY_COVERAGE = "daily-coverage";
    public static final String NO_OFFICER = "no-officer";
    public static final String CONFLICT = "conflict";
    public static final String BALANCE = "balance";
    public static final String CONSECUTIVE_DAY = "consecutive-day";
    public static final String INSPECTORS = "inspectors";
}
