package org.carewatch.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.carewatch.core.config.StoreConfig;
import org.carewatch.core.config.StoreConfig.TimescaleUse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the time-keyed tables into hypertables with compression and retention when the timescaledb
 * extension is available, using only what the installed edition offers (the Apache-licensed build has
 * hypertables but no compression or policies). Runs at every start and is idempotent; it lives outside
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
                    retention &= applyRetention(st, t);
                }
            }
            return new StoreFeatures(pg, version, license, true, compression, retention);
        } catch (SQLException e) {
            throw new StoreUnavailableException("TimescaleDB setup failed: " + e.getMessage(), e);
        }
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
