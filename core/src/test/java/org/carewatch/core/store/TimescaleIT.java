package org.carewatch.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.config.RetentionConfig;
import org.carewatch.core.config.StoreConfig;
import org.carewatch.core.config.StoreConfig.TimescaleUse;
import org.carewatch.core.embedded.EmbeddedPostgres;
import org.carewatch.core.readings.HourlyRollup;
import org.carewatch.core.readings.Reading;
import org.carewatch.core.readings.ReadingBatch;
import org.carewatch.core.readings.ReadingQueries;
import org.carewatch.core.readings.ReadingWriter;
import org.carewatch.core.readings.RollupJob;
import org.carewatch.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The TimescaleDB path on a real TimescaleDB: runs when the test server ({@code carewatch.test.pg.url})
 * has the timescaledb extension installed and preloaded, and is skipped otherwise (see "Checking the TimescaleDB path" in the README for a local server).
 * Old rows are dated 2020 so that their chunks are past every compression and retention interval.
 */
class TimescaleIT {
    static TestDatabase db;
    static Store store;

    @BeforeAll
    static void open() throws SQLException {
        db = TestDatabase.create();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb' "
                     + "AND current_setting('shared_preload_libraries') ~ 'timescaledb'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                db.close();
                db = null;
            }
        }
        String skipped = "the test server has no usable timescaledb extension (installed and in shared_preload_libraries): "
                + "TimescaleDB checks skipped (run with -D" + TestDatabase.PROPERTY + " pointing at a server with TimescaleDB, "
                + "see \"Checking the TimescaleDB path\" in the README)";
        if (db == null) {
            // Surefire does not report a class skipped in @BeforeAll; the log says why nothing ran.
            LoggerFactory.getLogger(TimescaleIT.class).info(skipped);
        }
        assumeTrue(db != null, skipped);
        store = Store.open(config(retention(Duration.ofDays(400))), db.jdbcUrl(), db.user(), db.password(), null);
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static StoreConfig config(RetentionConfig retention) {
        return withTimescale(ConfigLoader.load(null, Map.of()).store(), TimescaleUse.AUTO, retention);
    }

    static StoreConfig withTimescale(StoreConfig c, TimescaleUse use, RetentionConfig retention) {
        return new StoreConfig(c.mode(), c.url(), c.user(), c.password(), c.poolSize(), c.connectionTimeoutSeconds(), use,
                c.embeddedPort(), retention);
    }

    /** Readings and stream events kept for {@code keep}; alert history kept forever (the default). */
    static RetentionConfig retention(Duration keep) {
        return new RetentionConfig(keep, keep, null);
    }

    static boolean community() {
        return "timescale".equals(store.features().license());
    }

    @Test
    void timeSeriesTablesAreHypertables() throws SQLException {
        assertThat(store.features().hypertables()).isTrue();
        assertThat(store.features().timescaleVersion()).isNotBlank();
        assertThat(strings(store, "SELECT hypertable_name FROM timescaledb_information.hypertables "
                + "WHERE hypertable_schema = 'public' ORDER BY 1"))
                .containsExactly("alert_events", "readings", "stream_events");
    }

    @Test
    void communityEditionHasCompressionAndRetentionPolicies() throws SQLException {
        assumeTrue(community(), "the server's TimescaleDB is the Apache edition: no compression or policies to check");
        assertThat(store.features().compression()).isTrue();
        assertThat(store.features().retentionPolicies()).isTrue();
        assertThat(strings(store, "SELECT hypertable_name FROM timescaledb_information.jobs "
                + "WHERE proc_name = 'policy_compression' ORDER BY 1"))
                .containsExactly("alert_events", "readings", "stream_events");
        assertThat(strings(store, "SELECT hypertable || ': ' || segmentby || ' / ' || replace(orderby, '\"', '') "
                + "FROM timescaledb_information.hypertable_compression_settings "
                + "WHERE hypertable::text NOT LIKE '\\_timescaledb\\_internal.\\_materialized\\_hypertable\\_%' ORDER BY 1"))
                .containsExactly("alert_events: alert_id / time DESC", "readings: sensor_id,metric / time DESC",
                        "stream_events: camera_id / time DESC");
        // Alert history is kept forever by default: no retention policy on it.
        assertThat(strings(store, "SELECT hypertable_name || ' ' || (config->>'drop_after') FROM timescaledb_information.jobs "
                + "WHERE proc_name = 'policy_retention' ORDER BY 1"))
                .containsExactly("readings 400 days", "stream_events 400 days");
    }

    @Test
    void reopeningIsIdempotent() throws SQLException {
        String jobs = "SELECT proc_name || ' ' || hypertable_name || ' ' || config FROM timescaledb_information.jobs "
                + "WHERE hypertable_name IS NOT NULL ORDER BY 1";
        List<String> before = strings(store, jobs);
        try (Store again = Store.open(config(retention(Duration.ofDays(400))), db.jdbcUrl(), db.user(), db.password(), null)) {
            assertThat(again.features()).isEqualTo(store.features());
            assertThat(strings(again, jobs)).isEqualTo(before);
            assertThat(strings(again, "SELECT count(*) FROM timescaledb_information.hypertables")).containsExactly("3");
        }
    }

    @Test
    void changedRetentionReplacesThePolicy() throws SQLException {
        assumeTrue(community(), "the server's TimescaleDB is the Apache edition: no retention policies to check");
        try (TestDatabase other = TestDatabase.create()) {
            String retentionJobs = "SELECT hypertable_name || ' ' || (config->>'drop_after') FROM timescaledb_information.jobs "
                    + "WHERE proc_name = 'policy_retention' ORDER BY 1";
            try (Store s = Store.open(config(retention(Duration.ofDays(400))), other.jdbcUrl(), other.user(), other.password(), null)) {
                assertThat(strings(s, retentionJobs)).containsExactly("readings 400 days", "stream_events 400 days");
            }
            try (Store s = Store.open(config(retention(Duration.ofDays(30))), other.jdbcUrl(), other.user(), other.password(), null)) {
                assertThat(strings(s, retentionJobs)).containsExactly("readings 30 days", "stream_events 30 days");
            }
            // Keeping rows forever removes the policies.
            try (Store s = Store.open(config(new RetentionConfig(null, null, null)), other.jdbcUrl(), other.user(), other.password(), null)) {
                assertThat(strings(s, retentionJobs)).isEmpty();
                assertThat(s.features().retentionPolicies()).isTrue();
            }
        }
    }

    @Test
    void requiredFailsClearlyWithoutTheExtension() {
        // The embedded PostgreSQL is built without TimescaleDB.
        EmbeddedPostgres plain = TestDatabase.embedded();
        String name = "cw_plain_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        plain.createDatabase(name);
        StoreConfig required = withTimescale(config(retention(Duration.ofDays(400))), TimescaleUse.REQUIRED, retention(Duration.ofDays(400)));
        assertThatThrownBy(() -> Store.open(required, plain.jdbcUrl(name), plain.user(), plain.password(), null).close())
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("store.timescale is 'required'")
                .hasMessageContaining("timescaledb extension is not installed");
    }

    @Test
    void readingsAreInsertedAndDuplicatesRejected() throws SQLException {
        try (Connection c = store.connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO readings VALUES ('2026-01-02T00:00:00Z', 1, 43, 'temperature', 21.5)");
            assertThat(st.executeUpdate("INSERT INTO readings VALUES ('2026-01-02T00:00:00Z', 1, 43, 'temperature', 22.0) "
                    + "ON CONFLICT DO NOTHING")).isZero();
            assertThatThrownBy(() -> st.execute("INSERT INTO readings VALUES ('2026-01-02T00:00:00Z', 1, 43, 'temperature', 22.0)"))
                    .hasMessageContaining("readings_identity");
        }
        assertThat(strings(store, "SELECT value FROM readings WHERE sensor_id = 43")).containsExactly("21.5");
    }

    @Test
    void appendOnlyTriggersHoldOnHypertables() throws SQLException {
        try (Connection c = store.connection(); Statement st = c.createStatement()) {
            // Rows in two different chunks.
            st.execute("INSERT INTO alert_events (time, alert_id, centre_id, actor, action) VALUES "
                    + "('2026-02-01T00:00:00Z', 11, 1, 'officer1', 'open'), (now(), 11, 1, 'officer1', 'close')");
            st.execute("INSERT INTO stream_events (time, camera_id, centre_id, state) VALUES "
                    + "('2026-02-01T00:00:00Z', 11, 1, 'offline'), (now(), 11, 1, 'streaming')");
            for (String table : List.of("alert_events", "stream_events")) {
                String key = table.equals("alert_events") ? "alert_id" : "camera_id";
                assertThatThrownBy(() -> st.execute("UPDATE " + table + " SET centre_id = 2 WHERE " + key + " = 11"))
                        .hasMessageContaining(table + " is append-only: UPDATE refused");
                assertThatThrownBy(() -> st.execute("DELETE FROM " + table + " WHERE " + key + " = 11"))
                        .hasMessageContaining(table + " is append-only: DELETE refused");
            }
        }
        assertThat(strings(store, "SELECT count(*) FROM alert_events WHERE alert_id = 11 AND centre_id = 1")).containsExactly("2");
        assertThat(strings(store, "SELECT count(*) FROM stream_events WHERE camera_id = 11 AND centre_id = 1")).containsExactly("2");
    }

    @Test
    void oldChunksCompressWithTheAppendOnlyTriggersInPlace() throws SQLException {
        assumeTrue(community(), "the server's TimescaleDB is the Apache edition: no compression to check");
        try (Connection c = store.connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO alert_events (time, alert_id, centre_id, actor, action) VALUES "
                    + "('2020-03-01T00:00:00Z', 21, 1, 'officer1', 'open'), ('2020-03-01T01:00:00Z', 21, 1, 'officer1', 'close')");
            st.execute("INSERT INTO stream_events (time, camera_id, centre_id, state) VALUES "
                    + "('2020-03-01T00:00:00Z', 21, 1, 'offline'), ('2020-03-01T01:00:00Z', 21, 1, 'streaming')");
            st.execute("INSERT INTO readings VALUES ('2020-03-01T00:00:00Z', 1, 21, 'temperature', 20.25), "
                    + "('2020-03-01T01:00:00Z', 1, 21, 'temperature', 20.5)");
            for (String table : List.of("alert_events", "stream_events", "readings")) {
                st.execute("SELECT compress_chunk(ch) FROM show_chunks('" + table + "', older_than => TIMESTAMPTZ '2021-01-01') ch");
            }
        }
        assertThat(strings(store, "SELECT DISTINCT hypertable_name || ' ' || is_compressed FROM timescaledb_information.chunks "
                + "WHERE range_end <= '2021-01-01' ORDER BY 1"))
                .containsExactly("alert_events true", "readings true", "stream_events true");

        try (Connection c = store.connection(); Statement st = c.createStatement()) {
            // Compressed history still refuses edits, and the refused statements leave it intact.
            assertThatThrownBy(() -> st.execute("UPDATE alert_events SET actor = 'someone else' WHERE alert_id = 21"))
                    .hasMessageContaining("alert_events is append-only: UPDATE refused");
            assertThatThrownBy(() -> st.execute("DELETE FROM stream_events WHERE camera_id = 21"))
                    .hasMessageContaining("stream_events is append-only: DELETE refused");
            // Late rows still go into compressed chunks, and redelivered readings are still recognised.
            st.execute("INSERT INTO stream_events (time, camera_id, centre_id, state) VALUES ('2020-03-01T02:00:00Z', 21, 1, 'offline')");
            assertThat(st.executeUpdate("INSERT INTO readings VALUES ('2020-03-01T00:00:00Z', 1, 21, 'temperature', 99.0) "
                    + "ON CONFLICT DO NOTHING")).isZero();
            assertThat(st.executeUpdate("INSERT INTO readings VALUES ('2020-03-01T00:30:00Z', 1, 21, 'temperature', 20.375) "
                    + "ON CONFLICT DO NOTHING")).isOne();
            // Recompressing the now partially compressed chunks moves the late rows without firing the triggers.
            assertThat(strings(store, PARTIAL_CHUNKS)).containsExactly("readings", "stream_events");
            st.execute("SELECT compress_chunk(format('%I.%I', ch.schema_name, ch.table_name)::regclass) "
                    + "FROM _timescaledb_catalog.chunk ch WHERE ch.status & 8 <> 0");
        }
        assertThat(strings(store, PARTIAL_CHUNKS)).isEmpty();
        assertThat(strings(store, "SELECT actor FROM alert_events WHERE alert_id = 21 ORDER BY time")).containsExactly("officer1", "officer1");
        assertThat(strings(store, "SELECT state FROM stream_events WHERE camera_id = 21 ORDER BY time"))
                .containsExactly("offline", "streaming", "offline");
        assertThat(strings(store, "SELECT value FROM readings WHERE sensor_id = 21 ORDER BY time")).containsExactly("20.25", "20.375", "20.5");

        // The next start re-applies the compression settings to tables that now have compressed chunks.
        try (Store again = Store.open(config(retention(Duration.ofDays(400))), db.jdbcUrl(), db.user(), db.password(), null)) {
            assertThat(again.features().compression()).isTrue();
        }
    }

    @Test
    void policyJobsRunWithTheAppendOnlyTriggersInPlace() throws SQLException {
        assumeTrue(community(), "the server's TimescaleDB is the Apache edition: no policy jobs to run");
        try (TestDatabase other = TestDatabase.create();
             Store s = Store.open(config(retention(Duration.ofDays(400))), other.jdbcUrl(), other.user(), other.password(), null);
             Connection c = s.connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO stream_events (time, camera_id, centre_id, state) VALUES "
                    + "('2020-03-01T00:00:00Z', 31, 1, 'offline'), (now() - INTERVAL '60 days', 31, 1, 'streaming'), (now(), 31, 1, 'streaming')");
            runJob(st, "policy_compression", "stream_events");
            assertThat(strings(s, "SELECT count(*) FROM timescaledb_information.chunks "
                    + "WHERE hypertable_name = 'stream_events' AND is_compressed")).containsExactly("2");
            runJob(st, "policy_retention", "stream_events");
            // The 2020 chunk is dropped; the compressed 60-day-old chunk and the current one stay.
            assertThat(strings(s, "SELECT count(*) FROM stream_events WHERE camera_id = 31")).containsExactly("2");
            assertThat(strings(s, "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'stream_events'"))
                    .containsExactly("2");
        }
    }

    @Test
    void backgroundSchedulerAppliesThePolicies() throws SQLException {
        assumeTrue(community(), "the server's TimescaleDB is the Apache edition: no policy jobs to schedule");
        try (TestDatabase other = TestDatabase.create();
             Store s = Store.open(config(retention(Duration.ofDays(400))), other.jdbcUrl(), other.user(), other.password(), null);
             Connection c = s.connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO readings VALUES ('2020-03-01T00:00:00Z', 1, 61, 'temperature', 20.25), "
                    + "(now() - INTERVAL '30 days', 1, 61, 'temperature', 20.5), (now(), 1, 61, 'temperature', 20.75)");
            // Due now rather than at the policies' own schedule, one after the other: due together they can
            // deadlock over the same old chunk (TimescaleDB then retries the loser later).
            st.execute(dueNow("policy_compression"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(strings(s,
                    "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'readings' AND is_compressed "
                            + "AND range_start > '2021-01-01'")).containsExactly("1"));
            st.execute(dueNow("policy_retention"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(strings(s, "SELECT value FROM readings WHERE sensor_id = 61 ORDER BY time")).containsExactly("20.5", "20.75"));
        }
    }

    // ---- The hourly rollup as a continuous aggregate ----

    @Test
    void hourlyRollupIsAContinuousAggregateWithRealTimeAggregationAndARefreshPolicy() throws SQLException {
        assumeTrue(community(), "the server's TimescaleDB is the Apache edition: no continuous aggregates");
        assertThat(store.features().continuousAggregate()).isTrue();
        assertThat(HourlyRollup.of(store.features())).isEqualTo(HourlyRollup.CONTINUOUS_AGGREGATE);
        assertThat(strings(store, "SELECT view_name || ' on ' || hypertable_name || ' materialized_only=' || materialized_only "
                + "FROM timescaledb_information.continuous_aggregates"))
                .containsExactly("readings_hourly_cagg on readings materialized_only=false");
        assertThat(strings(store, "SELECT (config->>'start_offset') || ' / ' || (config->>'end_offset') || ' every ' || schedule_interval "
                + "FROM timescaledb_information.jobs WHERE proc_name = 'policy_refresh_continuous_aggregate'"))
                .containsExactly("399 days / 01:00:00 every 00:05:00");
        // No retention policy on the rollup: it outlives the raw readings (as the table does on plain PostgreSQL).
        assertThat(strings(store, "SELECT count(*) FROM timescaledb_information.jobs WHERE proc_name = 'policy_retention' "
                + "AND hypertable_name = 'readings_hourly_cagg'")).containsExactly("0");
        assertThat(TimescaleSetup.refreshStart(java.util.Optional.empty())).isNull();
        assertThat(TimescaleSetup.refreshStart(java.util.Optional.of(Duration.ofDays(30)))).isEqualTo(Duration.ofDays(29));
        assertThat(TimescaleSetup.refreshStart(java.util.Optional.of(Duration.ofDays(1)))).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void bucketedSeriesMatchPlainPostgresAndIncludeTheOpenHour() throws Exception {
        assumeTrue(community(), "the server's TimescaleDB is the Apache edition: no continuous aggregates");
        awayFromAnHourBoundary();
        Instant now = Instant.now();
        Instant open = now.truncatedTo(ChronoUnit.HOURS);
        long sensor = 71;
        // Values are multiples of 1/8, so sums are exact whatever order the rows are added in.
        List<Reading> rows = new ArrayList<>();
        Instant old = open.minus(Duration.ofDays(200)).truncatedTo(ChronoUnit.DAYS);
        for (Instant t = old; t.isBefore(old.plus(Duration.ofHours(6))); t = t.plus(Duration.ofMinutes(10))) {
            rows.add(reading(t, sensor, "temperature", rows.size()));
        }
        // Materialized hours, the last closed hour (left to real-time aggregation) and the open hour so far.
        for (Instant t = open.minus(Duration.ofHours(50)); t.isBefore(now.minusSeconds(5)); t = t.plus(Duration.ofMinutes(7))) {
            rows.add(reading(t, sensor, "temperature", rows.size()));
            rows.add(reading(t, sensor, "humidity", rows.size() % 50));
        }
        rows.add(reading(open.plusSeconds(1), sensor, "co2", 800));

        try (TestDatabase other = TestDatabase.create();
             Store ts = Store.open(config(retention(Duration.ofDays(400))), other.jdbcUrl(), other.user(), other.password(), null);
             Store plain = plainStore()) {
            assertThat(HourlyRollup.of(ts.features())).isEqualTo(HourlyRollup.CONTINUOUS_AGGREGATE);
            assertThat(HourlyRollup.of(plain.features())).isEqualTo(HourlyRollup.TABLE);
            write(ts, rows);
            write(plain, rows);
            // On TimescaleDB the writer marks nothing and the rollup table stays empty: the aggregate serves.
            assertThat(strings(ts, "SELECT count(*) FROM rollup_dirty")).containsExactly("0");
            assertThat(strings(ts, "SELECT count(*) FROM readings_hourly")).containsExactly("0");
            RollupJob job = new RollupJob(plain.dataSource(), Clock.systemUTC());

            // Nothing materialized yet: all from real-time aggregation; the plain side from dirty hours.
            assertSameSeries(ts, plain, sensor, open, now);
            job.runOnce();
            runAggregateRefresh(ts);
            assertThat(strings(ts, "SELECT count(*) FROM " + materialization(ts) + " WHERE sensor_id = " + sensor))
                    .as("closed hours materialized").isNotEqualTo(List.of("0"));
            assertSameSeries(ts, plain, sensor, open, now);

            // The open hour is in the aggregate in real time, and a reading just written shows at once.
            write(ts, List.of(reading(now, sensor, "co2", 900)));
            write(plain, List.of(reading(now, sensor, "co2", 900)));
            assertThat(strings(ts, "SELECT n FROM readings_hourly_cagg WHERE sensor_id = " + sensor + " AND metric = 'co2' "
                    + "AND bucket = '" + open + "'")).containsExactly("2");
            assertThat(new ReadingQueries(ts.dataSource(), HourlyRollup.CONTINUOUS_AGGREGATE)
                    .series(sensor, open, open.plus(Duration.ofHours(1)), Duration.ofHours(1)).points())
                    .filteredOn(p -> p.metric().equals("co2")).extracting(ReadingQueries.Point::n).containsExactly(2L);
            assertSameSeries(ts, plain, sensor, open, now);

            // Late readings into materialized hours, one in a compressed chunk: the rollup table has them at
            // once; the aggregate at the refresh policy's next run (every 5 minutes).
            try (Connection c = ts.connection(); Statement st = c.createStatement()) {
                st.execute("SELECT compress_chunk(ch) FROM show_chunks('readings', older_than => now() - INTERVAL '100 days') ch");
            }
            assertThat(strings(ts, "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'readings' "
                    + "AND is_compressed AND range_start <= '" + old + "' AND range_end > '" + old + "'")).containsExactly("1");
            List<Reading> late = List.of(reading(old.plusSeconds(30), sensor, "temperature", 1000),
                    reading(open.minus(Duration.ofHours(30)).plusSeconds(30), sensor, "temperature", 1001));
            write(ts, late);
            write(plain, late);
            Instant from = old.minus(Duration.ofHours(1));
            var before = hourly(ts, sensor, from, old.plus(Duration.ofDays(1)));
            assertThat(before).isNotEqualTo(hourly(plain, sensor, from, old.plus(Duration.ofDays(1))));
            job.runOnce();
            runAggregateRefresh(ts);
            assertSameSeries(ts, plain, sensor, open, now);
            assertThat(hourly(ts, sensor, from, old.plus(Duration.ofDays(1)))).isEqualTo(hourly(plain, sensor, from, old.plus(Duration.ofDays(1))));
        }
    }

    @Test
    void aTimescaleDatabaseWithTheRollupTableMovesToTheAggregateAndBack() throws Exception {
        assumeTrue(community(), "the server's TimescaleDB is the Apache edition: no continuous aggregates");
        awayFromAnHourBoundary();
        Instant now = Instant.now();
        Instant open = now.truncatedTo(ChronoUnit.HOURS);
        long sensor = 81;
        List<Reading> rows = new ArrayList<>();
        // Hours past the raw readings' retention (400 days) and recent ones.
        Instant expired = Instant.parse("2020-03-01T00:00:00Z");
        for (int i = 0; i < 30; i++) {
            rows.add(reading(expired.plus(Duration.ofMinutes(10L * i)), sensor, "temperature", i));
        }
        for (Instant t = open.minus(Duration.ofHours(30)); t.isBefore(now.minusSeconds(5)); t = t.plus(Duration.ofMinutes(11))) {
            rows.add(reading(t, sensor, "temperature", rows.size()));
        }
        try (TestDatabase other = TestDatabase.create()) {
            StoreConfig off = withTimescale(config(retention(Duration.ofDays(400))), TimescaleUse.OFF, retention(Duration.ofDays(400)));
            List<ReadingQueries.Point> oldHours;
            List<ReadingQueries.Point> recentHours;
            // The database as the rollup table left it: rolled-up hours and dirty hours waiting.
            try (Store s = Store.open(off, other.jdbcUrl(), other.user(), other.password(), null)) {
                write(s, rows);
                new RollupJob(s.dataSource(), Clock.fixed(open.minus(Duration.ofHours(10)), ZoneOffset.UTC)).runOnce();
                assertThat(strings(s, "SELECT count(*) > 0 FROM rollup_dirty")).containsExactly("t");
                oldHours = hourly(s, sensor, expired, expired.plus(Duration.ofDays(1)));
                recentHours = hourly(s, sensor, open.minus(Duration.ofDays(2)), now);
            }
            assertThat(oldHours).extracting(ReadingQueries.Point::n).containsExactly(6L, 6L, 6L, 6L, 6L);
            try (Store s = Store.open(config(retention(Duration.ofDays(400))), other.jdbcUrl(), other.user(), other.password(), null);
                 Connection c = s.connection(); Statement st = c.createStatement()) {
                assertThat(s.features().continuousAggregate()).isTrue();
                // Built from all readings at the first start, including hours older than the refresh window.
                assertThat(strings(s, "SELECT count(*) FROM rollup_dirty")).containsExactly("0");
                assertThat(hourly(s, sensor, expired, expired.plus(Duration.ofDays(1)))).isEqualTo(oldHours);
                assertThat(hourly(s, sensor, open.minus(Duration.ofDays(2)), now)).isEqualTo(recentHours);
                // The retention policy drops the expired raw chunks; the rollup keeps those hours through the
                // refresh policy's runs. With the V20 table emptied only the aggregate can answer.
                st.execute("TRUNCATE readings_hourly");
                runJob(st, "policy_retention", "readings");
                assertThat(strings(s, "SELECT count(*) FROM readings WHERE sensor_id = " + sensor + " AND time < '2021-01-01'"))
                        .containsExactly("0");
                runAggregateRefresh(s);
                assertThat(hourly(s, sensor, expired, expired.plus(Duration.ofDays(1)))).isEqualTo(oldHours);
                assertThat(hourly(s, sensor, open.minus(Duration.ofDays(2)), now)).isEqualTo(recentHours);
            }
            // Reopening with TimescaleDB off goes back to the rollup table: every hour with readings is marked
            // and recomputed (the expired hours were only in the aggregate and are gone).
            try (Store s = Store.open(off, other.jdbcUrl(), other.user(), other.password(), null)) {
                assertThat(s.features().continuousAggregate()).isFalse();
                assertThat(strings(s, "SELECT to_regclass('readings_hourly_cagg') IS NULL")).containsExactly("t");
                new RollupJob(s.dataSource(), Clock.systemUTC()).runOnce();
                assertThat(strings(s, "SELECT count(*) FROM rollup_dirty WHERE bucket < date_trunc('hour', now())")).containsExactly("0");
                assertThat(hourly(s, sensor, open.minus(Duration.ofDays(2)), now)).isEqualTo(recentHours);
            }
        }
    }

    @Test
    void backgroundSchedulerRefreshesTheAggregate() throws SQLException {
        assumeTrue(community(), "the server's TimescaleDB is the Apache edition: no continuous aggregates");
        try (TestDatabase other = TestDatabase.create();
             Store s = Store.open(config(retention(Duration.ofDays(400))), other.jdbcUrl(), other.user(), other.password(), null);
             Connection c = s.connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO readings VALUES (now() - INTERVAL '3 hours', 1, 91, 'temperature', 20.25)");
            String materialized = "SELECT count(*) FROM " + materialization(s) + " WHERE sensor_id = 91";
            assertThat(strings(s, materialized)).containsExactly("0");
            st.execute("SELECT alter_job(job_id, next_start => now()) FROM timescaledb_information.jobs "
                    + "WHERE proc_name = 'policy_refresh_continuous_aggregate'");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(strings(s, materialized)).containsExactly("1"));
        }
    }

    /** The same requests on both stores give the same points. */
    private static void assertSameSeries(Store ts, Store plain, long sensor, Instant open, Instant now) throws SQLException {
        ReadingQueries a = new ReadingQueries(ts.dataSource(), HourlyRollup.of(ts.features()));
        ReadingQueries b = new ReadingQueries(plain.dataSource(), HourlyRollup.of(plain.features()));
        Instant midOpenHour = open.plus(Duration.between(open, now).dividedBy(2));
        record Ask(Instant from, Instant to, Duration bucket) {
        }
        List<Ask> asks = List.of(
                new Ask(open.minus(Duration.ofDays(3)), now, Duration.ofHours(1)),
                new Ask(open.minus(Duration.ofDays(3)).plusSeconds(1234), midOpenHour, Duration.ofHours(1)),
                new Ask(open.minus(Duration.ofDays(3)), open.plus(Duration.ofHours(2)), Duration.ofHours(1)),
                new Ask(open.minus(Duration.ofDays(3)), now, Duration.ofHours(3)),
                new Ask(open.minus(Duration.ofDays(250)), now, Duration.ofDays(1)),
                new Ask(open.minus(Duration.ofDays(250)), now.plus(Duration.ofHours(5)), Duration.ofDays(7)),
                new Ask(open.minus(Duration.ofDays(202)), open.minus(Duration.ofDays(198)), Duration.ofHours(1)));
        for (Ask ask : asks) {
            var x = a.series(sensor, ask.from(), ask.to(), ask.bucket());
            var y = b.series(sensor, ask.from(), ask.to(), ask.bucket());
            assertThat(x.source()).isEqualTo("readings_hourly");
            assertThat(x.points()).as("%s", ask).isNotEmpty().isEqualTo(y.points());
        }
        var all = a.series(sensor, open.minus(Duration.ofDays(3)), now, Duration.ofHours(1)).points();
        assertThat(all).extracting(ReadingQueries.Point::time).contains(open, open.minus(Duration.ofHours(1)));
    }

    private static List<ReadingQueries.Point> hourly(Store s, long sensor, Instant from, Instant to) throws SQLException {
        return new ReadingQueries(s.dataSource(), HourlyRollup.of(s.features())).series(sensor, from, to, Duration.ofHours(1)).points();
    }

    private static Reading reading(Instant t, long sensor, String metric, int k) {
        return new Reading(t, 1, sensor, "z2m-temperature-humidity", metric, 15 + k / 8.0);
    }

    private static void write(Store s, List<Reading> rows) throws SQLException {
        new ReadingWriter(s.dataSource(), 5, HourlyRollup.of(s.features())).write(new ReadingBatch(rows, List.of(), List.of()));
    }

    /** Runs the aggregate's refresh policy now, as the background scheduler would. */
    private static void runAggregateRefresh(Store s) throws SQLException {
        try (Connection c = s.connection(); Statement st = c.createStatement()) {
            runJob(st, "policy_refresh_continuous_aggregate", HourlyRollup.AGGREGATE);
        }
    }

    private static String materialization(Store s) throws SQLException {
        return strings(s, "SELECT format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name) "
                + "FROM timescaledb_information.continuous_aggregates WHERE view_name = 'readings_hourly_cagg'").getFirst();
    }

    /** A plain PostgreSQL (the embedded one, built without TimescaleDB) with the same schema. */
    private static Store plainStore() {
        EmbeddedPostgres plain = TestDatabase.embedded();
        String name = "cw_plain_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        plain.createDatabase(name);
        return Store.open(config(retention(Duration.ofDays(400))), plain.jdbcUrl(name), plain.user(), plain.password(), null);
    }

    /** The tests compare "now"-relative hours on two servers: not across an hour boundary. */
    private static void awayFromAnHourBoundary() {
        Instant now = Instant.now();
        Instant next = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        if (Duration.between(now, next).compareTo(Duration.ofMinutes(3)) < 0) {
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Instant.now().isAfter(next.plusSeconds(5)));
        }
    }

    /** Hypertables with chunks that are compressed but hold rows inserted since (TimescaleDB's chunk status bit 8). */
    private static final String PARTIAL_CHUNKS = "SELECT DISTINCT h.table_name FROM _timescaledb_catalog.chunk ch "
            + "JOIN _timescaledb_catalog.hypertable h ON h.id = ch.hypertable_id WHERE ch.status & 8 <> 0 ORDER BY 1";

    private static String dueNow(String proc) {
        return "SELECT alter_job(job_id, next_start => now()) FROM timescaledb_information.jobs "
                + "WHERE hypertable_name = 'readings' AND proc_name = '" + proc + "'";
    }

    @Test
    void retentionJobOnHypertablesRemovesOnlyExpiredChunks() throws SQLException {
        // What runs when the edition has no retention policies (Apache license): rows of a newer chunk
        // share physical row ids (ctid) with rows of an older one and must survive.
        try (TestDatabase other = TestDatabase.create();
             Store s = Store.open(config(retention(Duration.ofDays(400))), other.jdbcUrl(), other.user(), other.password(), null)) {
            try (Connection c = s.connection(); Statement st = c.createStatement()) {
                // As on that edition: no policies. Else TimescaleDB's own retention job, which starts at once in
                // the background, may drop the 2020 chunks first (this test failed that way now and then).
                for (TimeSeriesTable t : TimeSeriesTable.ALL) {
                    st.execute("SELECT remove_retention_policy('" + t.name() + "', if_exists => true)");
                }
                st.execute("INSERT INTO readings VALUES ('2020-03-01T00:00:00Z', 1, 41, 'temperature', 20.25), "
                        + "('2026-11-20T00:00:00Z', 1, 41, 'temperature', 21.25)");
                st.execute("INSERT INTO stream_events (time, camera_id, centre_id, state) VALUES "
                        + "('2020-03-01T00:00:00Z', 41, 1, 'offline'), ('2026-11-20T00:00:00Z', 41, 1, 'streaming')");
            }
            Instant now = Instant.parse("2026-11-23T00:00:00Z");
            try (RetentionJob job = new RetentionJob(s, retention(Duration.ofDays(30)), Clock.fixed(now, ZoneOffset.UTC))) {
                assertThat(job.runOnce()).isEqualTo(2);
                assertThat(job.runOnce()).isZero();
            }
            assertThat(strings(s, "SELECT value FROM readings WHERE sensor_id = 41")).containsExactly("21.25");
            assertThat(strings(s, "SELECT state FROM stream_events WHERE camera_id = 41")).containsExactly("streaming");
        }
    }

    @Test
    void plainTablesWithRowsBecomeHypertables() throws SQLException {
        // An installation that ran without TimescaleDB and then gets it keeps its history.
        try (TestDatabase other = TestDatabase.create()) {
            StoreConfig off = withTimescale(config(retention(Duration.ofDays(400))), TimescaleUse.OFF, retention(Duration.ofDays(400)));
            try (Store s = Store.open(off, other.jdbcUrl(), other.user(), other.password(), null);
                 Connection c = s.connection(); Statement st = c.createStatement()) {
                assertThat(s.features().hypertables()).isFalse();
                st.execute("INSERT INTO alert_events (time, alert_id, centre_id, actor, action) VALUES "
                        + "('2026-01-01T00:00:00Z', 51, 1, 'officer1', 'open'), ('2026-06-01T00:00:00Z', 51, 1, 'officer1', 'close')");
                st.execute("INSERT INTO readings VALUES ('2026-01-01T00:00:00Z', 1, 51, 'temperature', 20.25)");
            }
            try (Store s = Store.open(config(retention(Duration.ofDays(400))), other.jdbcUrl(), other.user(), other.password(), null)) {
                assertThat(s.features().hypertables()).isTrue();
                assertThat(strings(s, "SELECT action FROM alert_events WHERE alert_id = 51 ORDER BY time")).containsExactly("open", "close");
                assertThat(strings(s, "SELECT count(*) FROM ONLY alert_events")).containsExactly("0");
                assertThat(strings(s, "SELECT count(*) FROM readings WHERE sensor_id = 51")).containsExactly("1");
            }
        }
    }

    @Test
    void anInstallationWithCompressedChunksGetsTheNewReadingsIdentity() throws SQLException {
        // A hypertable with compressed 2020 chunks, as an installation from before V42 has it.
        try (TestDatabase other = TestDatabase.create()) {
            org.flywaydb.core.Flyway.configure().dataSource(other.dataSource()).locations("classpath:db/migration").target("20")
                    .load().migrate();
            try (Connection c = other.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
                st.execute("SELECT create_hypertable('readings', 'time', chunk_time_interval => INTERVAL '1 day')");
                st.execute("ALTER TABLE readings SET (timescaledb.compress, timescaledb.compress_segmentby = 'sensor_id, metric', "
                        + "timescaledb.compress_orderby = 'time DESC')");
                st.execute("INSERT INTO readings VALUES ('2020-03-01T10:15:00Z', 1, 61, 'temperature', 20.5), "
                        + "('2020-03-01T10:15:00Z', 1, 61, 'humidity', 40), ('2020-03-01T09:00:00Z', 1, 61, 'battery', 90)");
                st.execute("SELECT compress_chunk(c) FROM show_chunks('readings') c");
            }
            try (Store s = Store.open(config(retention(Duration.ofDays(4000))), other.jdbcUrl(), other.user(), other.password(), null)) {
                assertThat(strings(s, "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'readings' "
                        + "AND is_compressed")).containsExactly("1");
                assertThat(strings(s, "SELECT indexdef FROM pg_indexes WHERE tablename = 'readings' AND indexname = 'readings_identity'"))
                        .singleElement().asString().contains("(sensor_id, \"time\", metric)");
                var latest = new ReadingQueries(s.dataSource(), HourlyRollup.of(s.features())).latest(61);
                assertThat(latest).extracting(ReadingQueries.LatestValue::metric).containsExactly("battery", "humidity", "temperature");
                assertThat(latest.get(2).value()).isEqualTo(20.5);
                // A redelivered reading into the compressed chunk is still recognised as a duplicate.
                write(s, List.of(new Reading(Instant.parse("2020-03-01T10:15:00Z"), 1, 61, "z2m-temperature-humidity", "temperature", 20.5)));
                assertThat(strings(s, "SELECT count(*) FROM readings WHERE sensor_id = 61")).containsExactly("3");
            }
        }
    }

    private static void runJob(Statement st, String proc, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT job_id FROM timescaledb_information.jobs WHERE proc_name = '" + proc
                + "' AND hypertable_name = '" + table + "'")) {
            assertThat(rs.next()).as(proc + " job on " + table).isTrue();
            int job = rs.getInt(1);
            rs.close();
            st.execute("CALL run_job(" + job + ")");
        }
    }

    private static List<String> strings(Store s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = s.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
