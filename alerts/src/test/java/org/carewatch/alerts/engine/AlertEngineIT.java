package org.carewatch.alerts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carewatch.alerts.history.AlertQuery;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.alerts.testing.AlertsFixture;
import org.carewatch.alerts.testing.Frames;
import org.carewatch.profiles.sensor.AlertCondition;
import org.carewatch.profiles.sensor.AlertRule;
import org.carewatch.profiles.sensor.SensorProfile;
import org.carewatch.profiles.sensor.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rule engine driven with inputs directly, against a real PostgreSQL, with a hand-moved clock. */
class AlertEngineIT {
    static AlertsFixture fx;
    static AlertEngine engine;

    @BeforeAll
    static void setUp() throws SQLException {
        fx = new AlertsFixture();
        engine = fx.engine(AlertEngineIT::profiles);
    }

    @AfterAll
    static void tearDown() {
        engine.close();
        fx.close();
    }

    /** The built-in catalogue plus a test profile with rate and no-data rules (none ship with them). */
    static Optional<SensorProfile> profiles(String id) {
        if (!"test-rate".equals(id)) {
            return fx.catalog.sensor(id);
        }
        SensorProfile base = fx.catalog.sensor("z2m-temperature-humidity").orElseThrow();
        List<AlertRule> rules = List.of(
                new AlertRule("temp-jump", "temperature", AlertCondition.RATE, 5.0, 2.0, Duration.ZERO, Duration.ofMinutes(10),
                        Severity.MAJOR, "always", null),
                new AlertRule("silent", "humidity", AlertCondition.NO_DATA, null, null, Duration.ofMinutes(30), null,
                        Severity.MINOR, "always", null));
        return Optional.of(new SensorProfile("test-rate", base.name(), base.nameZh(), base.vendor(), base.family(), base.topics(),
                base.format(), base.maxPayloadBytes(), base.timestamp(), base.metrics(), base.ignoreIf(), base.require(),
                base.availability(), base.reportInterval(), base.offlineAfter(), rules, null));
    }

    static void reading(long sensor, String profile, String metric, double v, Instant t) {
        engine.onReading(new SensorReading(fx.centreA1, sensor, profile, metric, v, t));
    }

    static void settle() {
        await().atMost(Duration.ofSeconds(10)).until(engine::idle);
    }

    static List<Alert> alertsOf(String sourceId) throws SQLException {
        List<Alert> out = new ArrayList<>();
        for (Alert a : fx.history.list(fx.admin, AlertQuery.all()).items()) {
            if (a.sourceId().equals(sourceId)) {
                out.add(a);
            }
        }
        return out;
    }

    static Alert only(String sourceId, String ruleId) throws SQLException {
        List<Alert> l = alertsOf(sourceId).stream().filter(a -> a.ruleId().equals(ruleId)).toList();
        assertThat(l).hasSize(1);
        return l.get(0);
    }

    @Test
    void thresholdWaitsForItsPendingDurationAndClearsOnlyBelowTheClearThreshold() throws SQLException {
        Instant t0 = AlertsFixture.WEDNESDAY_10;
        reading(101, "z2m-air-quality", "co2", 1600, t0);
        settle();
        assertThat(engine.phase(AlertEngine.sensorKey(101, "co2-critical"))).isEqualTo("pending");
        reading(101, "z2m-air-quality", "co2", 1600, t0.plusSeconds(300));
        settle();
        assertThat(alertsOf("101")).isEmpty();

        reading(101, "z2m-air-quality", "co2", 1600, t0.plusSeconds(600));
        settle();
        Alert critical = only("101", "co2-critical");
        assertThat(critical.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(critical.detail()).containsEntry("since", t0.toString());
        assertThat(only("101", "co2-warning").severity()).isEqualTo(Severity.WARNING);

        // 1450 is under the threshold (1500) but over the clear threshold (1400): still raised.
        reading(101, "z2m-air-quality", "co2", 1450, t0.plusSeconds(660));
        settle();
        assertThat(only("101", "co2-critical").conditionActive()).isTrue();
        reading(101, "z2m-air-quality", "co2", 1390, t0.plusSeconds(720));
        settle();
        assertThat(only("101", "co2-critical").conditionActive()).isFalse();
        assertThat(only("101", "co2-warning").conditionActive()).isTrue();
        assertThat(fx.repo.events(critical.id())).extracting(e -> e.action()).containsExactly("raise", "condition_cleared");
    }

    @Test
    void aDipDuringThePendingDurationStartsItAgain() throws SQLException {
        Instant t0 = AlertsFixture.WEDNESDAY_10;
        reading(102, "z2m-air-quality", "co2", 1600, t0);
        reading(102, "z2m-air-quality", "co2", 1450, t0.plusSeconds(300));
        reading(102, "z2m-air-quality", "co2", 1600, t0.plusSeconds(360));
        reading(102, "z2m-air-quality", "co2", 1600, t0.plusSeconds(900));
        settle();
        assertThat(alertsOf("102").stream().filter(a -> a.ruleId().equals("co2-critical"))).isEmpty();
        reading(102, "z2m-air-quality", "co2", 1600, t0.plusSeconds(960));
        settle();
        assertThat(only("102", "co2-critical").detail()).containsEntry("since", t0.plusSeconds(360).toString());
    }

    @Test
    void aRepeatingConditionIsOneAlertWithACountAndOneGroupedNotice() throws SQLException {
        Instant t = AlertsFixture.WEDNESDAY_10;
        reading(201, "z2m-smoke", "smoke", 1, t);
        reading(201, "z2m-smoke", "smoke", 1, t.plusSeconds(1));
        reading(201, "z2m-smoke", "smoke", 1, t.plusSeconds(2));
        settle();
        Alert first = only("201", "smoke");
        assertThat(first.occurrences()).isEqualTo(1);
        assertThat(first.severity()).isEqualTo(Severity.CRITICAL);
        // A flapping detector: ten more clear/raise cycles.
        for (int i = 0; i < 10; i++) {
            reading(201, "z2m-smoke", "smoke", 0, t.plusSeconds(10 + i * 2));
            reading(201, "z2m-smoke", "smoke", 1, t.plusSeconds(11 + i * 2));
        }
        settle();
        Alert a = only("201", "smoke");
        assertThat(a.id()).isEqualTo(first.id());
        assertThat(a.occurrences()).isEqualTo(11);
        assertThat(fx.count("SELECT count(*) FROM alerts WHERE dedup_key = ?", "sensor:201:smoke")).isEqualTo(1);
        long repeats = fx.notices.stream().filter(n -> n.alert().id() == a.id() && n.event().equals("alert.repeated")).count();
        assertThat(repeats).isEqualTo(1);
        // Once resolved and closed, the same condition is a new alert.
        fx.service.answer(fx.facilityA1, a.id(), "detector cleaned", null, null);
        fx.service.resolve(fx.officer, a.id(), null);
        reading(201, "z2m-smoke", "smoke", 0, t.plusSeconds(100));
        reading(201, "z2m-smoke", "smoke", 1, t.plusSeconds(101));
        settle();
        assertThat(alertsOf("201")).hasSize(2);
    }

    @Test
    void pendingStateSurvivesARestart() throws SQLException {
        Instant t0 = AlertsFixture.WEDNESDAY_10;
        AlertEngine first = fx.engine(AlertEngineIT::profiles);
        first.onReading(new SensorReading(fx.centreA1, 301, "z2m-air-quality", "co2", 1600, t0));
        await().atMost(Duration.ofSeconds(10)).until(first::idle);
        first.close();
        assertThat(fx.count("SELECT count(*) FROM alert_rule_state WHERE state_key = 'sensor:301:co2-critical' AND phase = 'pending'"))
                .isEqualTo(1);

        fx.clock.set(t0.plusSeconds(599));
        AlertEngine second = fx.engine(AlertEngineIT::profiles);
        try {
            assertThat(second.phase("sensor:301:co2-critical")).isEqualTo("pending");
            second.tick();
            await().atMost(Duration.ofSeconds(10)).until(second::idle);
            assertThat(alertsOf("301")).isEmpty();
            // Ten minutes after the first reading, with no further reading: the restored state fires.
            fx.clock.set(t0.plusSeconds(600));
            second.tick();
            await().atMost(Duration.ofSeconds(10)).until(second::idle);
            assertThat(only("301", "co2-critical").detail()).containsEntry("since", t0.toString());
        } finally {
            second.close();
            fx.clock.set(AlertsFixture.WEDNESDAY_10);
        }
    }

    @Test
    void napScheduleOnlyDuringTheNap() throws SQLException {
        Instant morning = AlertsFixture.WEDNESDAY_10;
        reading(401, "z2m-door-contact", "door_open", 1, morning);
        settle();
        assertThat(engine.phase(AlertEngine.sensorKey(401, "open-during-nap"))).isNull();
        Instant nap = LocalDateTime.of(2026, 11, 18, 12, 30).atZone(AlertsFixture.ZONE).toInstant();
        reading(401, "z2m-door-contact", "door_open", 1, nap);
        reading(401, "z2m-door-contact", "door_open", 1, nap.plusSeconds(600));
        settle();
        assertThat(only("401", "open-during-nap").kind()).isEqualTo("open-during-nap");
        assertThat(alertsOf("401").stream().filter(a -> a.ruleId().equals("open-after-hours"))).isEmpty();
    }

    @Test
    void rateOfChangeAndSilence() throws SQLException {
        Instant t = AlertsFixture.WEDNESDAY_10;
        reading(601, "test-rate", "temperature", 20, t);
        reading(601, "test-rate", "temperature", 23, t.plusSeconds(60));
        settle();
        assertThat(alertsOf("601")).isEmpty();
        reading(601, "test-rate", "temperature", 26, t.plusSeconds(120));
        settle();
        assertThat(only("601", "temp-jump").detail()).containsEntry("change", 6.0);

        reading(602, "test-rate", "humidity", 40, t);
        fx.clock.set(t.plusSeconds(29 * 60));
        engine.tick();
        settle();
        assertThat(alertsOf("602")).isEmpty();
        fx.clock.set(t.plusSeconds(30 * 60));
        engine.tick();
        settle();
        Alert silent = only("602", "silent");
        assertThat(silent.kind()).isEqualTo("no-data");
        reading(602, "test-rate", "humidity", 41, t.plusSeconds(31 * 60));
        settle();
        assertThat(only("602", "silent").conditionActive()).isFalse();
        fx.clock.set(AlertsFixture.WEDNESDAY_10);
    }

    @Test
    void deviceOfflineAfterItsGrace() throws SQLException {
        Instant t = AlertsFixture.WEDNESDAY_10;
        engine.onAvailability(new DeviceAvailability(fx.centreA1, 701, false, t));
        fx.clock.set(t.plus(fx.cfg.deviceOfflineAfter()).minusSeconds(1));
        engine.tick();
        settle();
        assertThat(alertsOf("701")).isEmpty();
        fx.clock.set(t.plus(fx.cfg.deviceOfflineAfter()));
        engine.tick();
        settle();
        assertThat(only("701", "device-offline").severity()).isEqualTo(Severity.MINOR);
        engine.onAvailability(new DeviceAvailability(fx.centreA1, 701, true, t.plusSeconds(3600)));
        settle();
        assertThat(only("701", "device-offline").conditionActive()).isFalse();
        fx.clock.set(AlertsFixture.WEDNESDAY_10);
    }

    @Test
    void cameraFaultsDuringOpeningHoursAfterFaultAfter() throws SQLException {
        Instant t = AlertsFixture.WEDNESDAY_10;
        Duration n = fx.cfg.camera().faultAfter();
        engine.onCameraState(new CameraStreamState(fx.centreA1, 501, CameraStreamState.State.OFFLINE, "connection refused", t));
        // Offline, then stalled: one fault, its pending time keeps running, its kind follows the state.
        engine.onCameraState(new CameraStreamState(fx.centreA1, 503, CameraStreamState.State.OFFLINE, "", t));
        engine.onCameraState(new CameraStreamState(fx.centreA1, 503, CameraStreamState.State.STALLED, "no RTP for 10 s", t.plusSeconds(60)));
        fx.clock.set(t.plus(n).minusSeconds(1));
        engine.tick();
        settle();
        assertThat(alertsOf("501")).isEmpty();
        fx.clock.set(t.plus(n));
        engine.tick();
        settle();
        assertThat(only("501", AlertEngine.STREAM_FAULT).kind()).isEqualTo("camera-offline");
        assertThat(only("503", AlertEngine.STREAM_FAULT).kind()).isEqualTo("camera-stalled");
        engine.onCameraState(new CameraStreamState(fx.centreA1, 501, CameraStreamState.State.STREAMING, "", t.plus(n).plusSeconds(5)));
        settle();
        assertThat(only("501", AlertEngine.STREAM_FAULT).conditionActive()).isFalse();

        // After closing time (17:30) an offline camera is not an alert.
        Instant evening = LocalDateTime.of(2026, 11, 18, 18, 0).atZone(AlertsFixture.ZONE).toInstant();
        engine.onCameraState(new CameraStreamState(fx.centreA1, 502, CameraStreamState.State.OFFLINE, "", evening));
        fx.clock.set(evening.plus(n).plusSeconds(600));
        engine.tick();
        settle();
        assertThat(alertsOf("502")).isEmpty();
        fx.clock.set(AlertsFixture.WEDNESDAY_10);
    }

    @Test
    void frameFaultsNeedConsecutiveSamples() throws SQLException {
        Instant t = AlertsFixture.WEDNESDAY_10;
        engine.onFrame(new FrameSample(fx.centreA1, 801, t, Frames.solid(0, 0, 0)));
        settle();
        assertThat(alertsOf("801")).isEmpty();
        engine.onFrame(new FrameSample(fx.centreA1, 801, t.plusSeconds(60), Frames.solid(0, 0, 0)));
        settle();
        assertThat(only("801", "frame-black").severity()).isEqualTo(Severity.MAJOR);
        engine.onFrame(new FrameSample(fx.centreA1, 801, t.plusSeconds(120), Frames.room(1)));
        settle();
        assertThat(only("801", "frame-black").conditionActive()).isFalse();

        var still = Frames.room(9);
        engine.onFrame(new FrameSample(fx.centreA1, 802, t, still));
        engine.onFrame(new FrameSample(fx.centreA1, 802, t.plusSeconds(60), still));
        settle();
        assertThat(alertsOf("802")).isEmpty();
        engine.onFrame(new FrameSample(fx.centreA1, 802, t.plusSeconds(120), still));
        settle();
        assertThat(only("802", "frame-frozen").kind()).isEqualTo("frame-frozen");
        assertThat(only("802", "frame-frozen").state()).isEqualTo(AlertState.OPEN);
    }

    @Test
    void unusableInputIsDroppedWithoutHarm() throws SQLException {
        Instant t = AlertsFixture.WEDNESDAY_10;
        engine.onReading(new SensorReading(fx.centreA1, 901, "z2m-smoke", "smoke", Double.NaN, t));
        engine.onReading(new SensorReading(fx.centreA1, 901, "no-such-profile", "smoke", 1, t));
        engine.onReading(new SensorReading(fx.centreA1, 901, "z2m-smoke", null, 1, t));
        engine.onReading(null);
        engine.onCameraState(new CameraStreamState(fx.centreA1, 901, null, null, t));
        engine.onFrame(new FrameSample(fx.centreA1, 901, t, new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)));
        // A reading for a centre that does not exist is dropped by the writer, not retried for ever.
        engine.onReading(new SensorReading(999_999, 902, "z2m-smoke", "smoke", 1, t));
        settle();
        assertThat(alertsOf("901")).isEmpty();
        assertThat(alertsOf("902")).isEmpty();
    }

    @Test
    void centreOverridesFromTheStoreChangeAndDisableInheritedRules() throws SQLException {
        var repo = new org.carewatch.alerts.rules.RuleOverrideRepository(fx.store.dataSource());
        repo.save(new org.carewatch.alerts.rules.RuleOverride(fx.centreA2, "z2m-air-quality", "co2-critical", true, 1200.0, 1100.0,
                Duration.ZERO, Severity.MAJOR, null));
        repo.save(new org.carewatch.alerts.rules.RuleOverride(fx.centreA2, "z2m-air-quality", "co2-warning", false, null, null, null,
                null, null));
        AlertEngine e = fx.engine(AlertEngineIT::profiles);
        try {
            e.onReading(new SensorReading(fx.centreA2, 1101, "z2m-air-quality", "co2", 1300, AlertsFixture.WEDNESDAY_10));
            // Centre A1 keeps the profile's rules: 1300 is only a pending warning there.
            e.onReading(new SensorReading(fx.centreA1, 1102, "z2m-air-quality", "co2", 1300, AlertsFixture.WEDNESDAY_10));
            await().atMost(Duration.ofSeconds(10)).until(e::idle);
            assertThat(alertsOf("1101")).singleElement().satisfies(a -> {
                assertThat(a.ruleId()).isEqualTo("co2-critical");
                assertThat(a.severity()).isEqualTo(Severity.MAJOR);
            });
            assertThat(alertsOf("1102")).isEmpty();
            assertThat(e.phase(AlertEngine.sensorKey(1102, "co2-warning"))).isEqualTo("pending");
        } finally {
            e.close();
        }
    }
}
