package org.carewatch.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.config.StoreConfig;
import org.carewatch.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Migrations and time-series setup on a real PostgreSQL (external in CI, embedded otherwise). */
class StoreIT {
    static TestDatabase db;
    static Store store;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        store = Store.open(config(), db.jdbcUrl(), db.user(), db.password(), null);
    }

    static StoreConfig config() {
        return ConfigLoader.load(null, Map.of()).store();
    }

    @AfterAll
    static void close() {
        store.close();
        db.close();
    }

    @Test
    void migratesAllTables() throws SQLException {
        try (Connection c = store.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN "
                     + "('districts','roles','users','centres','cameras','sensors','api_tokens','readings','stream_events','alert_events')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(10);
        }
        assertThat(store.ping()).isTrue();
        assertThat(store.features().postgresVersion()).startsWith("1");
    }

    @Test
    void reopeningIsIdempotent() {
        try (Store again = Store.open(config(), db.jdbcUrl(), db.user(), db.password(), null)) {
            assertThat(again.features().hypertables()).isEqualTo(store.features().hypertables());
        }
    }

    @Test
    void alertHistoryIsAppendOnly() throws SQLException {
        try (Connection c = store.connection(); var st = c.createStatement()) {
            st.execute("INSERT INTO alert_events (time, alert_id, centre_id, actor, action) VALUES (now(), 1, 1, 'officer1', 'open')");
            assertThatThrownBy(() -> st.execute("UPDATE alert_events SET actor = 'someone else'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.execute("DELETE FROM alert_events")).hasMessageContaining("append-only");
        }
    }

    @Test
    void duplicateReadingIsRejectedByIdentity() throws SQLException {
        try (Connection c = store.connection(); var st = c.createStatement()) {
            st.execute("INSERT INTO readings VALUES ('2026-01-01T00:00:00Z', 1, 42, 'temperature', 21.5)");
            int n = st.executeUpdate("INSERT INTO readings VALUES ('2026-01-01T00:00:00Z', 1, 42, 'temperature', 21.5) ON CONFLICT DO NOTHING");
            assertThat(n).isZero();
        }
    }

    @Test
    void retentionJobDeletesOnlyExpiredRows() throws SQLException {
        Instant now = Instant.parse("2026-11-23T00:00:00Z");
        try (Connection c = store.connection(); var st = c.createStatement()) {
            st.execute("INSERT INTO stream_events (time, camera_id, centre_id, state) VALUES "
                    + "('2025-01-01T00:00:00Z', 7, 1, 'offline'), ('2026-11-01T00:00:00Z', 7, 1, 'streaming')");
        }
        var retention = new org.carewatch.core.config.RetentionConfig(Duration.ofDays(400), Duration.ofDays(30), null);
        try (RetentionJob job = new RetentionJob(store, retention, Clock.fixed(now, ZoneOffset.UTC))) {
            assertThat(job.runOnce()).isGreaterThanOrEqualTo(1);
        }
        try (Connection c = store.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT state FROM stream_events WHERE camera_id = 7")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("streaming");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void unreachableDatabaseGivesAClearError() {
        var cfg = config();
        var fast = new StoreConfig(cfg.mode(), cfg.url(), cfg.user(), cfg.password(), 2, 2, cfg.timescale(), 0, cfg.retention());
        assertThatThrownBy(() -> Store.open(fast, "jdbc:postgresql://127.0.0.1:1/none", "x", "y", null))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("127.0.0.1:1");
    }
}
