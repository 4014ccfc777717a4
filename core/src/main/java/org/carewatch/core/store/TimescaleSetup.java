package org.carewatch.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.carewatch.core.config.StoreConfig;
import org.carewatch.core.config.StoreConfig.TimescaleUse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the time-keyed tables into hypertables with compression and retention when the timescaledb
 * extension is available, using only what the installed edition offers (the Apache-licensed build has
 * hypertables but no compression or policies), and makes the hourly rollup a continuous aggregate where
 * the edition has them. Runs at every start and is idempotent; it lives outside
 * the versioned migrations so the same schema history works with and without TimescaleDB.
 */
final class TimescaleSetup {
    private static final Logger log = LoggerFactory.getLogger(TimescaleSetup.class);

    private final DataSource ds;
    private final StoreConfig cfg;

    TimescaleSetup(DataSource ds, StoreConfig cfg) {
        this.ds = ds;
        this.cfg = cfg;
    }

    StoreFeatures apply() {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            StoreFeatures features = setUp(st);
            if (!features.continuousAggregate()) {
                releaseHourlyAggregate(st);
            }
            return features;
        } catch (SQLException e) {
            throw new StoreUnavailableException("TimescaleDB setup failed: " + e.getMessage(), e);
        }
    }

    private StoreFeatures setUp(Statement st) throws SQLException {
        String pg = scalar(st, "SHOW server_version");
        if (cfg.timescale() == TimescaleUse.OFF) {
            return StoreFeatures.plain(pg);
        }
        if (scalar(st, "SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'") == null) {
            return unavailable(pg, "the timescaledb extension is not installed on this server");
        }
        // Creating the extension on a server that does not preload it ends the session with FATAL; the
        // loader's own setting exists only when it is preloaded.
        if (scalar(st, "SELECT current_setting('timescaledb.max_background_workers', true)") == null) {
            return unavailable(pg, "the timescaledb extension is installed on this server but not in shared_preload_libraries");
        }
        try {
            st.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
        } catch (SQLException e) {
            return unavailable(pg, "CREATE EXTENSION timescaledb failed (is it in shared_preload_libraries?): " + e.getMessage());
        }
        String version = scalar(st, "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'");
        String license = scalar(st, "SELECT current_setting('timescaledb.license', true)");
        boolean community = "timescale".equalsIgnoreCase(license);
        boolean compression = community;
        boolean retention = community;
        for (TimeSeriesTable t : TimeSeriesTable.ALL) {
            makeHypertable(st, t);
            if (community) {
                compression &= tryRun(st, "compression on " + t.name(),
                        "ALTER TABLE " + t.name() + " SET (timescaledb.compress, timescaledb.compress_segmentby = '"
                                + t.segmentBy() + "', timescaledb.compress_orderby = 'time DESC')",
                        "SELECT add_compression_policy('" + t.name() + "', INTERVAL '" + t.compressAfter() + "', if_not_exists => true)");
            }
        }
        // The aggregate's refresh window follows the readings' retention: set it before a changed retention
        // policy can drop chunks (see refreshStart).
        boolean aggregate = community && applyHourlyAggregate(st);
        if (community) {
            for (TimeSeriesTable t : TimeSeriesTable.ALL) {
                retention &= applyRetention(st, t);
            }
        }
        return new StoreFeatures(pg, version, license, true, compression, retention, aggregate);
    }

    private StoreFeatures unavailable(String pg, String why) {
        if (cfg.timescale() == TimescaleUse.REQUIRED) {
            throw new StoreUnavailableException("store.timescale is 'required' but " + why, null);
        }
        log.info("TimescaleDB not used: {}; time-series tables stay plain tables with time indexes", why);
        return StoreFeatures.plain(pg);
    }

    private static void makeHypertable(Statement st, TimeSeriesTable t) throws SQLException {
        st.execute("SELECT create_hypertable('" + t.name() + "', 'time', chunk_time_interval => INTERVAL '"
                + t.chunkInterval() + "', if_not_exists => true, migrate_data => true)");
    }

    /** Re-applies the configured retention (a changed setting replaces the old policy). */
    private boolean applyRetention(Statement st, TimeSeriesTable t) {
        var keep = cfg.retention().forTable(t.name());
        String remove = "SELECT remove_retention_policy('" + t.name() + "', if_exists => true)";
        if (keep.isEmpty()) {
            return tryRun(st, "retention on " + t.name(), remove);
        }
        return tryRun(st, "retention on " + t.name(), remove,
                "SELECT add_retention_policy('" + t.name() + "', INTERVAL '" + interval(keep.get()) + "')");
    }

    /**
     * The hourly rollup as a continuous aggregate over {@code readings}: per sensor, metric and hour the
     * count, sum, min and max of the values and the centre, the same columns as the V20 table
     * {@code readings_hourly}, which keeps its name and stays unused here (the versioned schema is the same
     * on every server). Real-time aggregation adds the hours not yet materialized from the raw readings.
     * The refresh policy materializes closed hours up to one hour back and folds in late readings up to
     * {@link #refreshStart} back (late readings into a materialized hour show up at its next run, within
     * {@link #REFRESH_EVERY}; the rollup table shows them at once). The aggregate has no retention policy:
     * like the table on plain PostgreSQL, the rollup is kept when raw readings expire (see
     * {@link #refreshStart} for why the policy never reaches expired hours). Idempotent: created once, its
     * settings and policy re-applied at every start (several nodes may start at once).
     *
     * @return false when the aggregate cannot be created (the rollup table is used then)
     * @throws StoreUnavailableException when the aggregate exists but cannot be set up: this node must not
     *                                   fall back to the rollup table, which nothing maintains any more
     */
    private boolean applyHourlyAggregate(Statement st) {
        String agg = StoreFeatures.HOURLY_AGGREGATE;
        try {
            if (scalar(st, "SELECT to_regclass('" + agg + "')") == null) {
                st.execute("CREATE MATERIALIZED VIEW IF NOT EXISTS " + agg
                        + " WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS "
                        + "SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, sensor_id, metric, min(centre_id) AS centre_id, "
                        + "count(*) AS n, sum(value) AS sum, min(value) AS min, max(value) AS max "
                        + "FROM readings GROUP BY bucket, sensor_id, metric WITH NO DATA");
                // A database that used the rollup table (V20) before: its work queue is not used any more.
                st.execute("TRUNCATE rollup_dirty");
                log.info("created the continuous aggregate {} (hourly rollup of readings)", agg);
            }
            st.execute("ALTER MATERIALIZED VIEW " + agg + " SET (timescaledb.materialized_only = false)");
            Duration start = refreshStart(cfg.retention().forTable("readings"));
            String startOffset = start == null ? "NULL" : "INTERVAL '" + interval(start) + "'";
            st.execute("SELECT remove_continuous_aggregate_policy('" + agg + "', if_exists => true)");
            st.execute("SELECT add_continuous_aggregate_policy('" + agg + "', start_offset => " + startOffset
                    + ", end_offset => INTERVAL '" + REFRESH_END + "', schedule_interval => INTERVAL '" + REFRESH_EVERY
                    + "', if_not_exists => true)");
            // Nothing materialized yet (just created, or the first refresh was interrupted): materialize all
            // closed hours once, so that hours older than the policy's window are there too. Only while it
            // is empty: a later refresh from the beginning would empty the hours whose raw chunks expired.
            if (!materialized(st, agg)) {
                long t0 = System.nanoTime();
                st.execute("CALL refresh_continuous_aggregate('" + agg + "', NULL, now() - INTERVAL '" + REFRESH_END + "')");
                log.info("materialized the hourly rollup {} from all readings in {} ms", agg,
                        (System.nanoTime() - t0) / 1_000_000);
            }
            return true;
        } catch (SQLException e) {
            boolean exists;
            try {
                exists = scalar(st, "SELECT to_regclass('" + agg + "')") != null;
            } catch (SQLException again) {
                exists = true;
            }
            if (exists) {
                throw new StoreUnavailableException("setting up the hourly rollup (continuous aggregate " + agg + ") failed: "
                        + e.getMessage(), e);
            }
            log.warn("TimescaleDB continuous aggregate for the hourly rollup not available, using the rollup table: {}",
                    e.getMessage());
            return false;
        }
    }

    /** Closed hours younger than this are left to real-time aggregation by the refresh policy. */
    static final String REFRESH_END = "1 hour";
    /** How often the refresh policy runs: late readings into a materialized hour show up within this. */
    static final String REFRESH_EVERY = "5 minutes";

    /**
     * The refresh policy's start offset, null for no limit: how far back late readings are still folded
     * into the aggregate. As far back as raw readings are kept (the rollup table takes late readings of
     * any age too), but one day short of the retention (at most half of it): dropping expired chunks
     * invalidates their time range, and a refresh over a range whose raw readings are gone would empty its
     * hours, so the window must never reach a dropped chunk.
     */
    static Duration refreshStart(Optional<Duration> readingsRetention) {
        if (readingsRetention.isEmpty()) {
            return null;
        }
        Duration keep = readingsRetention.get();
        Duration start = keep.minusDays(1);
        if (start.compareTo(keep.dividedBy(2)) < 0) {
            start = keep.dividedBy(2);
        }
        return Duration.ofHours(start.toHours());
    }

    private static boolean materialized(Statement st, String agg) throws SQLException {
        String table = scalar(st, "SELECT format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name) "
                + "FROM timescaledb_information.continuous_aggregates WHERE view_schema = current_schema() AND view_name = '" + agg + "'");
        if (table == null) {
            throw new SQLException("continuous aggregate " + agg + " not found in timescaledb_information.continuous_aggregates");
        }
        return scalar(st, "SELECT 1 FROM " + table + " LIMIT 1") != null;
    }

    /**
     * The database had the continuous aggregate but this start uses the rollup table (TimescaleDB turned
     * off, or the Apache edition): the table lacks the hours rolled up meanwhile, so every hour that still
     * has readings is marked for the readings package's {@code RollupJob} and the aggregate is dropped.
     * Hours whose raw readings expired while only the aggregate had them are lost.
     */
    private static void releaseHourlyAggregate(Statement st) throws SQLException {
        String agg = StoreFeatures.HOURLY_AGGREGATE;
        if (scalar(st, "SELECT to_regclass('" + agg + "')") == null) {
            return;
        }
        log.warn("the hourly rollup moves from the continuous aggregate {} back to the readings_hourly table: "
                + "marking every hour with readings for the rollup job", agg);
        st.execute("INSERT INTO rollup_dirty (bucket) SELECT DISTINCT date_bin('1 hour', time, timestamptz '2000-01-01 00:00:00+00') "
                + "FROM readings ON CONFLICT DO NOTHING");
        tryRun(st, "dropping the continuous aggregate " + agg, "DROP MATERIALIZED VIEW " + agg);
    }

    /** Whole days as days, so the policy reads "400 days" in timescaledb_information.jobs. */
    static String interval(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? d.toDays() + " days" : d.toSeconds() + " seconds";
    }

    private static boolean tryRun(Statement st, String what, String... sql) {
        try {
            for (String s : sql) {
                st.execute(s);
            }
            return true;
        } catch (SQLException e) {
            log.warn("TimescaleDB {} not available: {}", what, e.getMessage());
            return false;
        }
    }

    private static String scalar(Statement st, String sql) throws SQLException {
        try (var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
