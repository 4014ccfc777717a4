package org.carewatch.alerts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.carewatch.alerts.history.AlertQuery;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertKinds;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.alerts.testing.AlertsFixture;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.profiles.sensor.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts addressed to the district only (a patrol visit not reviewed in time) are about a centre but never
 * shown to its staff: not by id, not in lists, counts or the centre's queue, not on the live stream.
 */
class DistrictOnlyAlertsIT {
    static AlertsFixture fx;
    static Alert overdue;
    static Alert smoke;

    @BeforeAll
    static void setUp() throws Exception {
        fx = new AlertsFixture();
        overdue = fx.service.raise(new Trigger(fx.centreA1, AlertSource.SYSTEM, "patrol-review", "visit-1", AlertKinds.PATROL_REVIEW_OVERDUE,
                Severity.MAJOR, "Patrol visit not reviewed", Map.of("visitId", 1), fx.clock.instant())).alert();
        smoke = fx.service.raise(new Trigger(fx.centreA1, AlertSource.SENSOR, "s1", "smoke", "smoke", Severity.CRITICAL, "Smoke", Map.of(),
                fx.clock.instant())).alert();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void theDistrictSeesItTheCentreDoesNot() throws Exception {
        assertThat(overdue.districtOnly()).isTrue();
        assertThat(fx.service.visible(fx.admin, overdue.id()).id()).isEqualTo(overdue.id());
        assertThat(fx.service.visible(fx.officer, overdue.id()).id()).isEqualTo(overdue.id());
        assertThatThrownBy(() -> fx.service.visible(fx.facilityA1, overdue.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.service.detail(fx.facilityA1, overdue.id())).isInstanceOf(NotFoundException.class);
        assertThat(fx.service.visible(fx.facilityA1, smoke.id()).id()).isEqualTo(smoke.id());

        assertThat(fx.history.list(fx.facilityA1, AlertQuery.all()).items()).extracting(Alert::id).containsExactly(smoke.id());
        assertThat(fx.history.list(fx.admin, AlertQuery.all()).items()).extracting(Alert::id).contains(overdue.id(), smoke.id());
        assertThat(fx.service.centreQueue(fx.facilityA1).open()).extracting(Alert::id).containsExactly(smoke.id());

        assertThat(fx.service.liveScope(fx.facilityA1).covers(fx.districtA, fx.centreA1, true)).isFalse();
        assertThat(fx.service.liveScope(fx.facilityA1).covers(fx.districtA, fx.centreA1, false)).isTrue();
        assertThat(fx.service.liveScope(fx.officer).covers(fx.districtA, fx.centreA1, true)).isTrue();
    }
}
