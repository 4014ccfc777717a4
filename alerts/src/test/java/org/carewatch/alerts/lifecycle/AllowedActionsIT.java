package org.carewatch.alerts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertKinds;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.alerts.testing.AlertsFixture;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.users.Principal;
import org.carewatch.profiles.sensor.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The actions a console offers ({@link AlertDetail#actions()}) are exactly those the service then carries out:
 * for every role, every state and both an ordinary and a suspected-abuse alert, each action is tried on a fresh
 * alert in that state and succeeds if and only if it was offered.
 */
class AllowedActionsIT {
    static AlertsFixture fx;
    static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeAll
    static void setUp() throws SQLException {
        fx = new AlertsFixture();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    static Alert alertIn(AlertState state, boolean abuse) throws SQLException {
        String kind = abuse ? AlertKinds.SUSPECTED_ABUSE : "co2-critical";
        Alert a = fx.service.raise(new Trigger(fx.centreA1, abuse ? AlertSource.PATROL : AlertSource.SENSOR, "s-" + SEQ.incrementAndGet(),
                kind, kind, Severity.MAJOR, "t", Map.of(), fx.clock.instant())).alert();
        if (state == AlertState.OPEN) {
            return a;
        }
        fx.service.acknowledge(fx.officer, a.id(), null);
        if (state == AlertState.ACKNOWLEDGED) {
            return fx.repo.find(a.id()).orElseThrow();
        }
        fx.service.answer(fx.facilityA1, a.id(), "fixed", java.util.List.of());
        if (state != AlertState.ANSWERED) {
            fx.service.resolve(fx.officer, a.id(), null);
        }
        if (state == AlertState.CLOSED) {
            fx.service.close(fx.officer, a.id(), null);
        }
        return fx.repo.find(a.id()).orElseThrow();
    }

    static boolean tryAction(Principal p, long id, AlertAction action) throws SQLException {
        try {
            fx.service.act(p, id, action.id(), new ActionInput(null, "text", java.util.List.of()));
            return true;
        } catch (ForbiddenException | ConflictException refused) {
            return false;
        }
    }

    @Test
    void offeredActionsAreExactlyTheAcceptedOnes() throws SQLException {
        int offered = 0;
        for (boolean abuse : new boolean[] {false, true}) {
            for (AlertState state : AlertState.values()) {
                for (Principal p : new Principal[] {fx.officer, fx.admin, fx.auditor, fx.facilityA1}) {
                    var allowed = fx.service.detail(p, alertIn(state, abuse).id()).actions();
                    for (AlertAction action : AlertAction.values()) {
                        Alert fresh = alertIn(state, abuse);
                        assertThat(tryAction(p, fresh.id(), action))
                                .as("%s %s on a %s%s alert", p.role(), action, state, abuse ? " suspected-abuse" : "")
                                .isEqualTo(allowed.contains(action));
                    }
                    offered += allowed.size();
                }
            }
        }
        assertThat(offered).isPositive();
        // A few that matter, spelled out.
        assertThat(fx.service.detail(fx.auditor, alertIn(AlertState.OPEN, false).id()).actions()).isEmpty();
        assertThat(fx.service.detail(fx.facilityA1, alertIn(AlertState.RESOLVED, true).id()).actions()).containsExactly(AlertAction.COMMENT);
        assertThat(fx.service.detail(fx.facilityA1, alertIn(AlertState.RESOLVED, false).id()).actions())
                .containsExactlyInAnyOrder(AlertAction.CLOSE, AlertAction.COMMENT);
        assertThat(fx.service.detail(fx.officer, alertIn(AlertState.ANSWERED, false).id()).actions())
                .containsExactlyInAnyOrder(AlertAction.RESOLVE, AlertAction.REOPEN, AlertAction.COMMENT);
    }

    @Test
    void facilityStaffDoNotLearnWhoFollowsThemUp() throws SQLException {
        Alert finding = fx.service.recordFinding(fx.officer, fx.centreA1, "patrol-finding", Severity.MAJOR, null, "no carer in the nap room");
        fx.service.acknowledge(fx.officer, finding.id(), "calling them");
        var seen = fx.service.detail(fx.facilityA1, finding.id());
        assertThat(seen.alert().assigneeId()).isNull();
        assertThat(seen.alert().sourceId()).isEmpty();
        assertThat(seen.events()).extracting(e -> e.actor()).containsExactly("role:officer", "role:officer");
        assertThat(seen.events()).allSatisfy(e -> assertThat(e.detail()).doesNotContainKey("assigneeId"));
        assertThat(seen.events().get(0).detail()).containsEntry("text", "no carer in the nap room");
        // The district sees who.
        var district = fx.service.detail(fx.auditor, finding.id());
        assertThat(district.alert().assigneeId()).isEqualTo(fx.officer.userId());
        assertThat(district.events().get(1).actor()).contains("officer1");
        // History and the live stream hide the same.
        assertThat(fx.history.list(fx.facilityA1, org.carewatch.alerts.history.AlertQuery.all()).items())
                .filteredOn(a -> a.id() == finding.id()).singleElement()
                .satisfies(a -> assertThat(a.sourceId()).isEmpty()).satisfies(a -> assertThat(a.assigneeId()).isNull());
        assertThat(fx.history.list(fx.auditor, org.carewatch.alerts.history.AlertQuery.all()).items())
                .filteredOn(a -> a.id() == finding.id()).singleElement().satisfies(a -> assertThat(a.assigneeId()).isEqualTo(fx.officer.userId()));
        assertThat(fx.service.liveScope(fx.facilityA1).districtView()).isFalse();
        assertThat(fx.service.liveScope(fx.officer).districtView()).isTrue();
        // The centre's queue hides the same.
        assertThat(fx.service.centreQueue(fx.facilityA1).open()).filteredOn(a -> a.id() == finding.id())
                .singleElement().satisfies(a -> assertThat(a.assigneeId()).isNull());
    }
}
