package org.carewatch.core.store;

/**
 * What the connected database offers for time series.
 *
 * @param timescaleVersion installed TimescaleDB version, or null on plain PostgreSQL
 * @param license          "timescale" (compression and policies available), "apache", or null
 * @param hypertables      time-keyed tables are hypertables
 * @param compression      compression policies are in place
 * @param retentionPolicies the database enforces retention itself; otherwise {@link RetentionJob} does
 * @param continuousAggregate the hourly rollup is a continuous aggregate with real-time aggregation and a
 *                          refresh policy; otherwise it is the maintained {@code readings_hourly} table
 *                          (the readings package decides from this which one its queries read)
 */
public record StoreFeatures(String postgresVersion, String timescaleVersion, String license,
                            boolean hypertables, boolean compression, boolean retentionPolicies,
                            boolean continuousAggregate) {
    /**
     * The continuous aggregate's name (the {@code readings_hourly} name is taken by the V20 table). The store
     * creates and drops it, so the name lives here; the readings queries read it.
     */
    public static final String HOURLY_AGGREGATE = "readings_hourly_cagg";

    public static StoreFeatures plain(String postgresVersion) {
        return new StoreFeatures(postgresVersion, null, null, false, false, false, false);
    }

    @Override
    public String toString() {
        return timescaleVersion == null
                ? "PostgreSQL " + postgresVersion + " without TimescaleDB (plain tables with time indexes)"
                : "PostgreSQL " + postgresVersion + " with TimescaleDB " + timescaleVersion + " (" + license + " license; "
                        + "hypertables=" + hypertables + ", compression=" + compression + ", retention policies=" + retentionPolicies
                        + ", hourly rollup=" + (continuousAggregate ? "continuous aggregate" : "table") + ")";
    }
}
