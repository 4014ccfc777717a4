package org.carewatch.core.readings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.core.sensors.SensorInput;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading writer, spool, queries and sensor registry on a real PostgreSQL. */
class ReadingStoreIT {
    static TestDatabase db;
    static Store store;
    static long centreId;
    static SensorRepository sensors;
    /** TABLE on plain PostgreSQL; the continuous aggregate when the test server has TimescaleDB. */
    static HourlyRollup rollup;
    static final String PROFILE = "z2m-temperature-humidity";

    @BeforeAll
    static void open() throws SQLException {
        db = TestDatabase.create();
        store = Store.open(ConfigLoader.defaults().store(), db.jdbcUrl(), db.user(), db.password(), null);
        try (Connection c = store.connection(); var st = c.createStatement()) {
            st.execute("INSERT INTO districts (code, name) VALUES ('D1', 'District')");
            try (ResultSet rs = st.executeQuery("INSERT INTO centres (district_id, code, name) SELECT id, 'C1', 'Centre' FROM districts RETURNING id")) {
                rs.next();
                centreId = rs.getLong(1);
            }
        }
        sensors = new SensorRepository(store.dataSource(), ProfileCatalog.builtIn()::sensor);
        rollup = HourlyRollup.of(store.features());
    }

    @AfterAll
    static void close() {
        store.close();
        db.close();
    }

    private static Sensor sensor(String key) throws SQLException {
        return sensors.create(centreId, new SensorInput("sensor " + key, PROFILE, key, null, "room", null));
    }

    @Test
    void latestValuesAreExactForSparseMetricsLateReadingsAndSeveralWriters() throws SQLException {
        Sensor s = sensor("latest");
        Instant now = Instant.parse("2026-02-10T12:34:56.789Z");
        ReadingWriter a = new ReadingWriter(store.dataSource(), 5, rollup);
        ReadingWriter b = new ReadingWriter(store.dataSource(), 5, rollup);
        // battery reported once, three days ago; temperature every minute for two hours, ending now.
        a.write(batch(new Reading(now.minus(Duration.ofDays(3)), centreId, s.id(), PROFILE, "battery", 87)));
        List<Reading> temps = new ArrayList<>();
        for (int i = 120; i >= 0; i--) {
            temps.add(new Reading(now.minusSeconds(i * 60L), centreId, s.id(), PROFILE, "temperature", 20 + i * 0.01));
        }
        a.write(new ReadingBatch(temps.subList(0, 60), List.of(), List.of()));
        b.write(new ReadingBatch(temps.subList(60, temps.size()), List.of(), List.of()));
        // A late reading (spool replay) of an earlier hour, through the writer that recorded only older hours.
        a.write(batch(new Reading(now.minus(Duration.ofHours(5)), centreId, s.id(), PROFILE, "temperature", -5)));

        var latest = new ReadingQueries(store.dataSource(), rollup).latest(s.id());
        assertThat(latest).extracting(ReadingQueries.LatestValue::metric).containsExactly("battery", "temperature");
        assertThat(latest.get(0).time()).isEqualTo(now.minus(Duration.ofDays(3)));
        assertThat(latest.get(0).value()).isEqualTo(87);
        assertThat(latest.get(1).time()).isEqualTo(now);
        assertThat(latest.get(1).value()).isEqualTo(20);
        // A writer that has recorded nothing yet (another node, a restart) must not move the hour back.
        new ReadingWriter(store.dataSource(), 5, rollup)
                .write(batch(new Reading(now.minus(Duration.ofMinutes(90)), centreId, s.id(), PROFILE, "temperature", 99)));
        assertThat(new ReadingQueries(store.dataSource(), rollup).latest(s.id()).get(1).time()).isEqualTo(now);
        // Bounded: the lookup reads one hour of the sensor's rows, not its history.
        try (Connection c = store.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM sensor_latest(" + s.id() + ")")) {
            rs.next();
            assertThat(rs.getString(1)).contains("readings_identity").doesNotContain("Seq Scan");
        }
    }

    private static ReadingBatch batch(Reading r) {
        return new ReadingBatch(List.of(r), List.of(), List.of());
    }

    @Test
    void writesOnceUnderRedeliveryAndMaintainsLatestAndRollup() throws SQLException {
        Sensor s = sensor("dedupe");
        Instant t0 = Instant.parse("2026-01-05T08:10:00.123Z");
        List<Reading> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new Reading(t0.plusSeconds(i * 60L), centreId, s.id(), PROFILE, "temperature", 20 + i * 0.1));
            rows.add(new Reading(t0.plusSeconds(i * 60L), centreId, s.id(), PROFILE, "humidity", 40));
        }
        ReadingWriter w = new ReadingWriter(store.dataSource(), 5, rollup);
        assertThat(w.write(new ReadingBatch(rows, List.of(), List.of()))).isEqualTo(200);
        // QoS 1 redelivery of half the batch, plus a duplicate within one batch: nothing new.
        List<Reading> again = new ArrayList<>(rows.subList(0, 100));
        again.add(rows.get(0));
        assertThat(w.write(new ReadingBatch(again, List.of(), List.of()))).isZero();
        assertThat(count("SELECT count(*) FROM readings WHERE sensor_id = " + s.id())).isEqualTo(200);

        ReadingQueries q = new ReadingQueries(store.dataSource(), rollup);
        var latest = q.latest(s.id());
        assertThat(latest).extracting(ReadingQueries.LatestValue::metric).containsExactly("humidity", "temperature");
        assertThat(latest.get(1).value()).isEqualTo(20 + 99 * 0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(latest.get(1).time()).isEqualTo(t0.plusSeconds(99 * 60L));

        // Hourly buckets count each reading once: 08:10-08:59 (50), 09:00-09:49 (50), before the rollup job
        // ran (from the raw rows of dirty hours), after it, and after a redelivery marked the hours again.
        Instant h8 = Instant.parse("2026-01-05T08:00:00Z");
        Instant h10 = Instant.parse("2026-01-05T10:00:00Z");
        assertHourly(q, s.id(), h8, h10);
        if (rollup == HourlyRollup.TABLE) {
            RollupJob job = new RollupJob(store.dataSource(), java.time.Clock.fixed(Instant.parse("2026-01-05T12:00:00Z"), java.time.ZoneOffset.UTC));
            assertThat(job.runOnce()).isGreaterThanOrEqualTo(2);
            assertThat(count("SELECT count(*) FROM readings_hourly WHERE sensor_id = " + s.id())).isEqualTo(4);
            assertThat(count("SELECT sum(n) FROM readings_hourly WHERE sensor_id = " + s.id())).isEqualTo(200);
            assertHourly(q, s.id(), h8, h10);
            w.write(new ReadingBatch(again, List.of(), List.of()));
            assertHourly(q, s.id(), h8, h10);
            job.runOnce();
            assertThat(count("SELECT sum(n) FROM readings_hourly WHERE sensor_id = " + s.id())).isEqualTo(200);
        } else {
            // TimescaleDB: the writer marks nothing; the hours come from the continuous aggregate (TimescaleIT).
            assertThat(count("SELECT count(*) FROM rollup_dirty")).isZero();
            w.write(new ReadingBatch(again, List.of(), List.of()));
        }
        assertHourly(q, s.id(), h8, h10);
        var tenMinutes = q.series(s.id(), Instant.parse("2026-01-05T08:00:00Z"), Instant.parse("2026-01-05T10:00:00Z"), Duration.ofMinutes(10));
        assertThat(tenMinutes.source()).isEqualTo("readings");
        assertThat(tenMinutes.points()).filteredOn(p -> p.metric().equals("humidity")).allSatisfy(p -> assertThat(p.value()).isEqualTo(40));
        var raw = q.series(s.id(), t0, t0.plusSeconds(600), null);
        assertThat(raw.bucket()).isNull();
        assertThat(raw.points()).hasSize(20);
        var auto = q.series(s.id(), t0.minus(Duration.ofDays(2)), t0.plus(Duration.ofDays(1)), null);
        assertThat(auto.bucket()).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> q.series(s.id(), t0, t0.minusSeconds(1), null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void binaryCopyStoresTimesValuesAndNamesExactly() throws SQLException {
        Sensor s = sensor("binary");
        // Microseconds (and a nanosecond part the server rounds), pre-2000 and far-future times, awkward names
        // and values: what COPY stored must read back as the same instant, value and text.
        List<Reading> rows = List.of(
                new Reading(Instant.parse("2026-03-01T08:00:00.123456Z"), centreId, s.id(), PROFILE, "temperature", -12.5),
                new Reading(Instant.parse("1999-12-31T23:59:59.999999Z"), centreId, s.id(), PROFILE, "二氧化碳", 1e-300),
                new Reading(Instant.parse("2099-07-04T12:00:00Z"), centreId, s.id(), PROFILE, "tab\tback\\slash\nline", Double.MAX_VALUE),
                new Reading(Instant.parse("2026-03-01T08:00:01.000000600Z"), centreId, s.id(), PROFILE, "temperature", 0.1 + 0.2));
        assertThat(new ReadingWriter(store.dataSource(), 5, rollup).write(new ReadingBatch(rows, List.of(), List.of()))).isEqualTo(4);
        try (Connection c = store.connection(); var ps = c.prepareStatement(
                "SELECT time, metric, value, centre_id FROM readings WHERE sensor_id = ? ORDER BY time")) {
            ps.setLong(1, s.id());
            List<String> got = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getLong(4)).isEqualTo(centreId);
                    got.add(rs.getObject(1, java.time.OffsetDateTime.class).toInstant() + " " + rs.getString(2) + " " + rs.getDouble(3));
                }
            }
            assertThat(got).containsExactly(
                    "1999-12-31T23:59:59.999999Z 二氧化碳 " + 1e-300,
                    "2026-03-01T08:00:00.123456Z temperature -12.5",
                    "2026-03-01T08:00:01.000001Z temperature " + (0.1 + 0.2),
                    "2099-07-04T12:00:00Z tab\tback\\slash\nline " + Double.MAX_VALUE);
        }
    }

    private static void assertHourly(ReadingQueries q, long sensor, Instant from, Instant to) throws SQLException {
        var hourly = q.series(sensor, from, to, Duration.ofHours(1));
        assertThat(hourly.source()).isEqualTo("readings_hourly");
        assertThat(hourly.points()).filteredOn(p -> p.metric().equals("temperature")).extracting(ReadingQueries.Point::n)
                .containsExactly(50L, 50L);
        assertThat(hourly.points()).filteredOn(p -> p.metric().equals("humidity")).allSatisfy(p -> assertThat(p.value()).isEqualTo(40));
        var twoHours = q.series(sensor, from, to, Duration.ofHours(2));
        assertThat(twoHours.points()).filteredOn(p -> p.metric().equals("temperature")).extracting(ReadingQueries.Point::n)
                .containsExactly(100L);
    }

    @Test
    void keepsRejectedMessagesBoundedAndStoresDeviceEvents() throws SQLException {
        Sensor s = sensor("events");
        ReadingWriter w = new ReadingWriter(store.dataSource(), 5, rollup);
        List<RejectedMessage> rejected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rejected.add(RejectedMessage.of(Instant.now(), "zigbee2mqtt/x", RejectKind.MALFORMED, "malformed JSON", "\u0000\u0001{bad".getBytes()));
        }
        Instant t = Instant.parse("2026-01-05T08:00:00Z");
        w.write(new ReadingBatch(List.of(), List.of(new DeviceEvent(t, centreId, s.id(), false, "silent")), rejected));
        w.write(new ReadingBatch(List.of(), List.of(new DeviceEvent(t, centreId, s.id(), false, "silent")), List.of()));
        assertThat(count("SELECT count(*) FROM rejected_messages")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM device_events WHERE sensor_id = " + s.id())).isEqualTo(1);
        assertThat(new ReadingQueries(store.dataSource(), rollup).lastDeviceStates()).containsEntry(s.id(), false);
    }

    @Test
    void spoolSurvivesReopenAndReplaysOldestFirst(@TempDir Path dir) throws Exception {
        ReadingSpool spool = new ReadingSpool(dir, 10 * 1024 * 1024);
        Instant t = Instant.parse("2026-01-05T08:00:00.000001Z");
        ReadingBatch first = new ReadingBatch(List.of(new Reading(t, 1, 2, PROFILE, "temp\tx", 1.5)),
                List.of(new DeviceEvent(t, 1, 2, true, "reporting")),
                List.of(RejectedMessage.of(t, "a/b", RejectKind.OVERSIZED, "too big", new byte[] {1, 2})));
        ReadingBatch second = new ReadingBatch(List.of(new Reading(t.plusSeconds(1), 1, 2, "z2m-air-quality", "co2", 800)),
                List.of(), List.of());
        assertThat(spool.append(first)).isTrue();
        assertThat(spool.append(second)).isTrue();
        ReadingSpool reopened = new ReadingSpool(dir, 10 * 1024 * 1024);
        assertThat(reopened.batches()).isEqualTo(2);
        var oldest = reopened.oldest().orElseThrow();
        assertThat(oldest.batch()).isEqualTo(first);
        reopened.remove(oldest);
        assertThat(reopened.oldest().orElseThrow().batch()).isEqualTo(second);
        // Bounded: a spool without room refuses (the caller keeps the MQTT messages un-acked).
        ReadingSpool tiny = new ReadingSpool(dir.resolve("tiny"), 1024 * 1024);
        List<Reading> many = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            many.add(new Reading(t.plusMillis(i), 1, 2, PROFILE, "temperature", i));
        }
        assertThat(tiny.append(new ReadingBatch(many, List.of(), List.of()))).isFalse();
        assertThat(tiny.isEmpty()).isTrue();
    }

    @Test
    void corruptSpoolFileIsSetAside(@TempDir Path dir) throws Exception {
        ReadingSpool spool = new ReadingSpool(dir, 10 * 1024 * 1024);
        spool.append(new ReadingBatch(List.of(new Reading(Instant.EPOCH, 1, 2, PROFILE, "m", 1)), List.of(), List.of()));
        Path file;
        try (var list = java.nio.file.Files.list(dir)) {
            file = list.filter(p -> p.toString().endsWith(".spool")).findFirst().orElseThrow();
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x55;
        java.nio.file.Files.write(file, bytes);
        ReadingSpool reopened = new ReadingSpool(dir, 10 * 1024 * 1024);
        assertThat(reopened.oldest()).isEmpty();
        assertThat(reopened.bytes()).isZero();
    }

    @Test
    void registryValidatesAndRefusesDuplicates() throws SQLException {
        Sensor byTopic = sensors.create(centreId, new SensorInput("door", "z2m-door-contact", null, "zigbee2mqtt/nap-door", null, null));
        assertThat(byTopic.deviceKey()).isEqualTo("nap-door");
        assertThat(sensors.findByDevice("z2m-door-contact", "nap-door")).contains(byTopic);
        assertThat(sensors.listByCentre(centreId)).contains(byTopic);
        assertThatThrownBy(() -> sensors.create(centreId, new SensorInput("door", "z2m-door-contact", "nap-door", null, null, null)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> sensors.create(centreId, new SensorInput("x", "no-such-profile", "k", null, null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("profileId");
        assertThatThrownBy(() -> sensors.create(centreId, new SensorInput("x", "z2m-smoke", "a/b", null, null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("deviceKey");
        assertThatThrownBy(() -> sensors.create(centreId, new SensorInput("x", "z2m-smoke", null, "tele/x/SENSOR", null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> sensors.create(centreId, new SensorInput("x", "z2m-smoke", "k", "zigbee2mqtt/k", null, null)))
                .isInstanceOf(InvalidInputException.class);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = store.connection(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
