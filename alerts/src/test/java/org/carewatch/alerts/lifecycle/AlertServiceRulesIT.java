package org.carewatch.alerts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertEvent;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.alerts.testing.AlertsFixture;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.profiles.sensor.Severity;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules {@link AlertService} owns, on a real database: for every method a person calls, a role that
 * may not is refused (403) before anything else, and an alert or centre outside the caller's scope
 * (another district, another centre) is not found (404). Refused calls leave no trace.
 */
class AlertServiceRulesIT {
    static final byte[] JPEG = org.carewatch.alerts.testing.Images.jpeg(64, 48);
    static AlertsFixture fx;

    @BeforeAll
    static void setUp() throws SQLException {
        fx = new AlertsFixture();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    static Alert sensorAlert(long centre, String sensor) throws SQLException {
        return fx.service.raise(new Trigger(centre, AlertSource.SENSOR, sensor, "co2-critical", "co2-critical", Severity.CRITICAL,
                "CO2 dangerously high", Map.of(), fx.clock.instant())).alert();
    }

    static void forbidden(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ForbiddenException.class);
    }

    static void notFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NotFoundException.class);
    }

    static List<String> actions(Alert a) throws SQLException {
        return fx.repo.events(a.id()).stream().map(AlertEvent::action).toList();
    }

    @Test
    void aRaisedAlertBelongsToItsCentresDistrictAndAnUnknownCentreRaisesNothing() throws SQLException {
        assertThat(sensorAlert(fx.centreB1, "district-b").districtId()).isEqualTo(fx.districtB);
        assertThat(sensorAlert(fx.centreA2, "district-a").districtId()).isEqualTo(fx.districtA);
        notFound(() -> sensorAlert(999_999, "nowhere"));
    }

    @Test
    void findingsAreForOfficersAndAdministratorsAtCentresOfTheirDistrict() throws SQLException {
        long before = fx.count("SELECT count(*) FROM alerts WHERE source = 'patrol'");
        Finding ok = new Finding(fx.centreA1, "patrol-finding", null, null, "fire exit blocked");
        for (Principal p : new Principal[] {fx.facilityA1, fx.auditor}) {
            forbidden(() -> fx.service.recordFinding(p, ok));
            forbidden(() -> fx.service.recordFinding(p, fx.centreA1, "patrol-finding", null, null, "x"));
        }
        // The role is checked before the input: a facility's bad finding is still refused as a facility's.
        forbidden(() -> fx.service.recordFinding(fx.facilityA1, new Finding(null, "patrol-finding", "huge", null, null)));
        for (Principal p : new Principal[] {fx.officerB, fx.adminB}) {
            notFound(() -> fx.service.recordFinding(p, ok));
            notFound(() -> fx.service.recordFinding(p, fx.centreA1, "patrol-finding", null, null, "x"));
        }
        notFound(() -> fx.service.recordFinding(fx.officer, fx.centreB1, "patrol-finding", null, null, "x"));
        notFound(() -> fx.service.recordFinding(fx.officer, 999_999, "patrol-finding", null, null, "x"));
        assertThatThrownBy(() -> fx.service.recordFinding(fx.officer, new Finding(null, "patrol-finding", null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("centreId"));
        assertThatThrownBy(() -> fx.service.recordFinding(fx.officer, new Finding(fx.centreA1, "patrol-finding", "huge", null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("severity"));
        assertThat(fx.count("SELECT count(*) FROM alerts WHERE source = 'patrol'")).isEqualTo(before);

        Alert a = fx.service.recordFinding(fx.admin, new Finding(fx.centreA1, "patrol-finding", "Minor", null, "fire exit blocked"));
        assertThat(a.severity()).isEqualTo(Severity.MINOR);
        assertThat(a.districtId()).isEqualTo(fx.districtA);
        assertThat(a.centreId()).isEqualTo(fx.centreA1);
    }

    @Test
    void everyActionChecksTheRoleFirstThenTheScope() throws SQLException {
        Alert a = sensorAlert(fx.centreA1, "actions");
        long id = a.id();
        // acknowledge, resolve, reopen: officers and administrators of the district.
        for (Principal p : new Principal[] {fx.facilityA1, fx.facilityA2, fx.auditor}) {
            forbidden(() -> fx.service.acknowledge(p, id, null));
            forbidden(() -> fx.service.resolve(p, id, null));
            forbidden(() -> fx.service.reopen(p, id, null));
        }
        for (Principal p : new Principal[] {fx.officerB, fx.adminB}) {
            notFound(() -> fx.service.acknowledge(p, id, null));
            notFound(() -> fx.service.resolve(p, id, null));
            notFound(() -> fx.service.reopen(p, id, null));
        }
        // answer: the centre's staff (and administrators).
        for (Principal p : new Principal[] {fx.officer, fx.auditor, fx.officerB}) {
            forbidden(() -> fx.service.answer(p, id, "fixed", null, null));
        }
        notFound(() -> fx.service.answer(fx.facilityA2, id, "fixed", null, null));
        notFound(() -> fx.service.answer(fx.adminB, id, "fixed", null, null));
        // close and comment: everyone but auditors, within scope.
        forbidden(() -> fx.service.close(fx.auditor, id, null));
        forbidden(() -> fx.service.comment(fx.auditor, id, "hello"));
        for (Principal p : new Principal[] {fx.facilityA2, fx.officerB, fx.adminB}) {
            notFound(() -> fx.service.close(p, id, null));
            notFound(() -> fx.service.comment(p, id, "hello"));
        }
        // act, the API's one door: auditors may not act at all, whatever the action's name.
        forbidden(() -> fx.service.act(fx.auditor, id, "ack", ActionInput.NONE));
        forbidden(() -> fx.service.act(fx.auditor, id, "teleport", ActionInput.NONE));
        forbidden(() -> fx.service.act(fx.facilityA1, id, "ack", ActionInput.NONE));
        notFound(() -> fx.service.act(fx.officerB, id, "ack", ActionInput.NONE));
        notFound(() -> fx.service.act(fx.facilityA2, id, "comment", new ActionInput(null, "hello", null, null)));
        notFound(() -> fx.service.act(fx.officer, id, "teleport", ActionInput.NONE));
        notFound(() -> fx.service.acknowledge(fx.officer, 999_999_999L, null));
        assertThat(actions(a)).containsExactly("raise");
        assertThat(fx.repo.find(id).orElseThrow().state()).isEqualTo(AlertState.OPEN);

        // The same doors open for the right people.
        assertThat(fx.service.act(fx.officer, id, "ack", ActionInput.NONE).alert().state()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(fx.service.act(fx.facilityA1, id, "comment", new ActionInput(null, "on it", null, null)).comment().action())
                .isEqualTo("comment");
        assertThat(fx.service.act(fx.facilityA1, id, "answer", new ActionInput(null, "fixed", "image/jpeg", JPEG)).alert().state())
                .isEqualTo(AlertState.ANSWERED);
        assertThat(actions(a)).containsExactly("raise", "acknowledge", "comment", "answer");
    }

    @Test
    void readsAreForEveryRoleWithinItsScope() throws SQLException {
        Alert a = sensorAlert(fx.centreA1, "reads");
        fx.service.acknowledge(fx.officer, a.id(), null);
        fx.service.answer(fx.facilityA1, a.id(), "photo of the fix", "image/jpeg", JPEG);
        long photo = ((Number) fx.repo.events(a.id()).getLast().detail().get("attachmentId")).longValue();
        for (Principal p : new Principal[] {fx.officer, fx.admin, fx.auditor, fx.facilityA1}) {
            assertThat(fx.service.visible(p, a.id()).id()).isEqualTo(a.id());
            assertThat(fx.service.detail(p, a.id()).events()).extracting(AlertEvent::action).containsExactly("raise", "acknowledge", "answer");
            assertThat(fx.service.events(p, a.id())).hasSize(3);
            assertThat(fx.service.attachment(p, a.id(), photo).data()).isEqualTo(fx.repo.attachment(a.id(), photo).orElseThrow().data());
        }
        for (Principal p : new Principal[] {fx.facilityA2, fx.officerB, fx.adminB}) {
            notFound(() -> fx.service.visible(p, a.id()));
            notFound(() -> fx.service.detail(p, a.id()));
            notFound(() -> fx.service.events(p, a.id()));
            notFound(() -> fx.service.attachment(p, a.id(), photo));
        }
        // An attachment is only reached through its own alert.
        Alert other = sensorAlert(fx.centreA1, "reads-other");
        notFound(() -> fx.service.attachment(fx.officer, other.id(), photo));
    }

    @Test
    void theLiveStreamCoversWhatTheCallerCouldRead() {
        NoticeScope officer = fx.service.liveScope(fx.officer);
        assertThat(officer.covers(fx.districtA, fx.centreA2)).isTrue();
        assertThat(officer.covers(fx.districtB, fx.centreB1)).isFalse();
        NoticeScope facility = fx.service.liveScope(fx.facilityA1);
        assertThat(facility.covers(fx.districtA, fx.centreA1)).isTrue();
        assertThat(facility.covers(fx.districtA, fx.centreA2)).isFalse();
        assertThat(fx.service.liveScope(fx.officerB).covers(fx.districtA, fx.centreA1)).isFalse();
        assertThat(fx.service.liveScope(fx.auditor).covers(fx.districtA, fx.centreA1)).isTrue();
    }
}
