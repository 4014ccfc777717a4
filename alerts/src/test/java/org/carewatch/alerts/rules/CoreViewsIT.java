package org.carewatch.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.carewatch.alerts.testing.AlertsFixture;
import org.carewatch.core.centres.CentreInput;
import org.carewatch.core.sensors.SensorInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the rules keep in memory of core's tables, read through core's repositories: each centre's hours
 * ({@link CentreCalendar}) and where each sensor is installed ({@link SensorPlacements}), and what a reload
 * picks up.
 */
class CoreViewsIT {
    static AlertsFixture fx;

    @BeforeAll
    static void setUp() throws SQLException {
        fx = new AlertsFixture();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    static Instant at(int hour, int minute) {
        // Wednesday 2026-11-18 in Shanghai, like the fixture's clock.
        return LocalDateTime.of(2026, 11, 18, hour, minute).atZone(AlertsFixture.ZONE).toInstant();
    }

    @Test
    void centreHoursAndNapWindowsComeFromCoresCentres() {
        CentreCalendar calendar = new CentreCalendar(fx.centres, AlertsFixture.ZONE, fx.clock, Duration.ofMinutes(1));
        calendar.reload();
        // A1 naps 12:00-14:00; A2 has no nap; both open 07:30-17:30 on weekdays (the schema's defaults).
        assertThat(calendar.applies(Schedules.NAP, fx.centreA1, at(12, 30))).isTrue();
        assertThat(calendar.applies(Schedules.NAP, fx.centreA1, at(10, 0))).isFalse();
        assertThat(calendar.applies(Schedules.NAP, fx.centreA2, at(12, 30))).isFalse();
        assertThat(calendar.applies(Schedules.OPENING_HOURS, fx.centreB1, at(10, 0))).isTrue();
        assertThat(calendar.applies(Schedules.CLOSED_HOURS, fx.centreB1, at(20, 0))).isTrue();
        assertThat(calendar.applies(Schedules.OPENING_HOURS, fx.centreB1, at(20, 0))).isFalse();
    }

    @Test
    void aChangedCentreIsSeenAfterAReload() throws SQLException {
        CentreCalendar calendar = new CentreCalendar(fx.centres, AlertsFixture.ZONE, fx.clock, Duration.ofMinutes(1));
        calendar.reload();
        var b1 = fx.centres.find(fx.centreB1).orElseThrow();
        fx.centres.update(fx.centreB1, new CentreInput(null, null, null, null, null, null, null, null, null, null, null,
                java.time.LocalTime.of(12, 0), java.time.LocalTime.of(13, 0), null, null, b1.version()));
        assertThat(calendar.applies(Schedules.NAP, fx.centreB1, at(12, 30))).isFalse();
        calendar.reload();
        assertThat(calendar.applies(Schedules.NAP, fx.centreB1, at(12, 30))).isTrue();
    }

    @Test
    void placementsComeFromCoresSensors() throws SQLException {
        long fridge = fx.sensors.create(fx.centreA1, new SensorInput("fridge", "z2m-temperature-humidity", "fridge-1", null, " Fridge ", null)).id();
        long room = fx.sensors.create(fx.centreA1, new SensorInput("room", "z2m-temperature-humidity", "room-1", null, null, null)).id();
        SensorPlacements placements = new SensorPlacements(fx.sensors);
        placements.reload();
        assertThat(placements.apply(fridge)).isEqualTo("Fridge");
        assertThat(placements.apply(room)).isNull();
        RuleBook book = new RuleBook(fx.catalog::sensor, null, placements);
        assertThat(book.rules(fx.centreA1, fridge, "z2m-temperature-humidity", "temperature")).extracting(r -> r.id()).containsExactly("fridge-warm");
        assertThat(book.rules(fx.centreA1, room, "z2m-temperature-humidity", "temperature")).isEmpty();
    }
}
