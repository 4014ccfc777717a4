package org.carewatch.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.carewatch.core.config.StoreConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool over PostgreSQL, migrated to the current schema and, where TimescaleDB is
 * available, with hypertables set up. JDBC is blocking: callers use it from worker or virtual threads.
 */
public final class Store implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Store.class);

    private final HikariDataSource pool;
    private final StoreFeatures features;

    private Store(HikariDataSource pool, StoreFeatures features) {
        this.pool = pool;
        this.features = features;
    }

    public static Store open(StoreConfig cfg, String jdbcUrl, String user, String password, MeterRegistry meters) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("carewatch");
        hc.setJdbcUrl(jdbcUrl);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(cfg.poolSize());
        hc.setConnectionTimeout(cfg.connectionTimeoutSeconds() * 1000L);
        hc.setInitializationFailTimeout(cfg.connectionTimeoutSeconds() * 1000L);
        hc.addDataSourceProperty("ApplicationName", "carewatch");
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (meters != null) {
            hc.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot connect to PostgreSQL at " + jdbcUrl + ": " + rootMessage(e), e);
        }
        try {
            migrate(ds);
            StoreFeatures features = new TimescaleSetup(ds, cfg).apply();
            log.info("store ready: {}", features);
            return new Store(ds, features);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    static void migrate(DataSource ds) {
        var result = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("applied {} schema migration(s), now at version {}", result.migrationsExecuted, result.targetSchemaVersion);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public StoreFeatures features() {
        return features;
    }

    /** True when a connection can run a query within the pool's connection timeout. */
    public boolean ping() {
        try (Connection c = pool.getConnection(); var st = c.createStatement()) {
            st.setQueryTimeout(5);
            return st.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
