package org.carewatch.core.readings;

import org.carewatch.core.store.StoreFeatures;

/**
 * Where the hourly rollup of readings lives, decided once when the store opens (never per batch).
 * Both give the same bucketed series for the same readings.
 */
public enum HourlyRollup {
    /**
     * The {@code readings_hourly} table: the reading writer marks the hours each batch touches in
     * {@code rollup_dirty} and {@link RollupJob} recomputes them (plain PostgreSQL, and TimescaleDB's Apache
     * edition, which has no continuous aggregates).
     */
    TABLE,
    /**
     * The {@code readings_hourly_cagg} continuous aggregate over the {@code readings} hypertable, with
     * real-time aggregation and a refresh policy (TimescaleDB community edition): nothing to mark, no job.
     */
    CONTINUOUS_AGGREGATE;

    /** The continuous aggregate's name; the store, which creates it, owns it ({@link StoreFeatures#HOURLY_AGGREGATE}). */
    public static final String AGGREGATE = StoreFeatures.HOURLY_AGGREGATE;

    public static HourlyRollup of(StoreFeatures features) {
        return features.continuousAggregate() ? CONTINUOUS_AGGREGATE : TABLE;
    }
}
