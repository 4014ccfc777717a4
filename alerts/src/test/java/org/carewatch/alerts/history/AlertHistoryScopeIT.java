package org.carewatch.alerts.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.sql.SQLException;
import java.util.Map;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.alerts.testing.AlertsFixture;
import org.carewatch.core.users.Principal;
import org.carewatch.profiles.sensor.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scope {@link AlertHistory} owns, on a real database: every role may ask (there is no role to refuse),
 * and each gets only its scope in the list, the CSV export and the weekly counts alike; asking for a
 * centre outside it matches nothing.
 */
class AlertHistoryScopeIT {
    static AlertsFixture fx;

    @BeforeAll
    static void setUp() throws SQLException {
        fx = new AlertsFixture();
        raise(fx.centreA1, "a1");
        raise(fx.centreA2, "a2");
        raise(fx.centreB1, "b1");
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    static Alert raise(long centre, String sensor) throws SQLException {
        return fx.service.raise(new Trigger(centre, AlertSource.SENSOR, sensor, "smoke", "smoke", Severity.CRITICAL, "Smoke", Map.of(),
                fx.clock.instant())).alert();
    }

    static long listed(Principal who, Long centre) throws SQLException {
        return fx.history.list(who, new AlertQuery(centre, null, null, null, null, null, null, 100, 0)).total();
    }

    static long exported(Principal who, Long centre) throws Exception {
        StringWriter out = new StringWriter();
        return fx.history.exportCsv(who, new AlertQuery(centre, null, null, null, null, null, null, 100, 0), out);
    }

    static long counted(Principal who, Long centre) throws SQLException {
        return fx.history.weeklyCounts(who, new AlertQuery(centre, null, null, null, null, null, null, 100, 0)).stream()
                .mapToLong(AlertHistory.WeekCount::total).sum();
    }

    @Test
    void districtUsersSeeTheirDistrictFacilityStaffTheirCentre() throws Exception {
        for (Principal p : new Principal[] {fx.officer, fx.admin, fx.auditor}) {
            assertThat(listed(p, null)).isEqualTo(2);
            assertThat(exported(p, null)).isEqualTo(2);
            assertThat(counted(p, null)).isEqualTo(2);
        }
        for (Principal p : new Principal[] {fx.officerB, fx.adminB}) {
            assertThat(listed(p, null)).isEqualTo(1);
            assertThat(exported(p, null)).isEqualTo(1);
            assertThat(counted(p, null)).isEqualTo(1);
        }
        assertThat(listed(fx.facilityA1, null)).isEqualTo(1);
        assertThat(exported(fx.facilityA1, null)).isEqualTo(1);
        assertThat(counted(fx.facilityA1, null)).isEqualTo(1);
        assertThat(fx.history.list(fx.facilityA1, AlertQuery.all()).items()).extracting(Alert::centreId).containsOnly(fx.centreA1);
    }

    @Test
    void aCentreOutsideTheScopeMatchesNothing() throws Exception {
        // Another district's centre, and for facility staff another centre of their own district.
        assertThat(listed(fx.officer, fx.centreB1)).isZero();
        assertThat(exported(fx.officer, fx.centreB1)).isZero();
        assertThat(counted(fx.officer, fx.centreB1)).isZero();
        assertThat(listed(fx.adminB, fx.centreA1)).isZero();
        assertThat(listed(fx.facilityA1, fx.centreA2)).isZero();
        assertThat(exported(fx.facilityA1, fx.centreA2)).isZero();
        assertThat(counted(fx.facilityA1, fx.centreA2)).isZero();
        assertThat(listed(fx.officer, fx.centreA2)).isEqualTo(1);
    }
}
