package org.carewatch.alerts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertEvent;
import org.carewatch.alerts.model.AlertKinds;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.alerts.testing.AlertsFixture;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.profiles.sensor.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertLifecycleIT {
    static AlertsFixture fx;
    static final byte[] JPEG = org.carewatch.alerts.testing.Images.jpeg(64, 48);

    @BeforeAll
    static void setUp() throws SQLException {
        fx = new AlertsFixture();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @BeforeEach
    void resetClock() {
        fx.clock.set(AlertsFixture.WEDNESDAY_10);
    }

    static Alert sensorAlert(String sensor, Severity s) throws SQLException {
        return fx.service.raise(new Trigger(fx.centreA1, AlertSource.SENSOR, sensor, "co2-critical", "co2-critical", s,
                "CO2 dangerously high", Map.of("value", 1600), fx.clock.instant())).alert();
    }

    @Test
    void theFullLoopWithTheCentresAnswer() throws SQLException {
        Alert a = sensorAlert("s-loop", Severity.CRITICAL);
        assertThat(a.state()).isEqualTo(AlertState.OPEN);
        assertThat(a.ackDue()).isEqualTo(a.firstSeen().plus(fx.cfg.deadlines().critical().acknowledge()));
        assertThat(a.answerDue()).isEqualTo(a.firstSeen().plus(fx.cfg.deadlines().critical().answer()));

        fx.clock.advance(Duration.ofMinutes(3));
        Alert acked = fx.service.acknowledge(fx.officer, a.id(), "on it");
        assertThat(acked.state()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(acked.assigneeId()).isEqualTo(fx.officer.userId());
        fx.clock.advance(Duration.ofMinutes(30));
        Alert answered = fx.service.answer(fx.facilityA1, a.id(), "Opened the windows, fixed the ventilation", "image/jpeg", JPEG);
        assertThat(answered.state()).isEqualTo(AlertState.ANSWERED);
        fx.service.comment(fx.officer, a.id(), "Will check on tomorrow's patrol");
        fx.clock.advance(Duration.ofHours(20));
        assertThat(fx.service.resolve(fx.officer, a.id(), "re-checked: CO2 normal").state()).isEqualTo(AlertState.RESOLVED);
        assertThat(fx.service.close(fx.facilityA1, a.id(), null).state()).isEqualTo(AlertState.CLOSED);

        var events = fx.service.events(fx.auditor, a.id());
        assertThat(events).extracting(AlertEvent::action)
                .containsExactly("raise", "acknowledge", "answer", "comment", "resolve", "close");
        AlertEvent answer = events.get(2);
        assertThat(answer.actor()).isEqualTo("user:" + fx.facilityA1.userId() + ":staff.a1:facility");
        assertThat(answer.time()).isEqualTo(AlertsFixture.WEDNESDAY_10.plus(Duration.ofMinutes(33)));
        assertThat(answer.detail()).containsEntry("text", "Opened the windows, fixed the ventilation").containsKey("attachmentId");
        long photo = ((Number) answer.detail().get("attachmentId")).longValue();
        assertThat(fx.repo.attachment(a.id(), photo)).get().satisfies(p -> {
            assertThat(p.contentType()).isEqualTo("image/jpeg");
            // Re-encoded on upload: the same picture, not the same bytes.
            assertThat(org.carewatch.alerts.testing.Images.decode(p.data())).satisfies(img -> {
                assertThat(img.getWidth()).isEqualTo(64);
                assertThat(img.getHeight()).isEqualTo(48);
            });
        });

        // Reopened by the officer: back to open with fresh deadlines, recorded too.
        Alert reopened = fx.service.reopen(fx.officer, a.id(), "smell again");
        assertThat(reopened.state()).isEqualTo(AlertState.OPEN);
        assertThat(reopened.ackDue()).isAfter(a.ackDue());
        assertThat(fx.repo.events(a.id())).last().extracting(AlertEvent::action).isEqualTo("reopen");
    }

    @Test
    void wrongStepsAreRefused() throws SQLException {
        Alert a = sensorAlert("s-wrong", Severity.MAJOR);
        assertThatThrownBy(() -> fx.service.resolve(fx.officer, a.id(), null)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("is open");
        assertThatThrownBy(() -> fx.service.acknowledge(fx.facilityA1, a.id(), null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> fx.service.answer(fx.auditor, a.id(), "x", null, null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> fx.service.answer(fx.facilityA1, a.id(), " ", null, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fx.service.answer(fx.facilityA1, a.id(), "fixed", null, new byte[] {1, 2, 3, 4}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("JPEG or PNG");
        // Out of scope: another centre's staff and another district's officer get "not found".
        assertThatThrownBy(() -> fx.service.answer(fx.facilityA2, a.id(), "fixed", null, null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.service.acknowledge(fx.officerB, a.id(), null)).isInstanceOf(NotFoundException.class);
        assertThat(fx.repo.events(a.id())).extracting(AlertEvent::action).containsExactly("raise");
    }

    @Test
    void suspectedAbuseAlertsTheDistrictLeadAndCannotBeClosedByTheCentre() throws SQLException {
        Alert a = fx.service.recordFinding(fx.officer, fx.centreA1, AlertKinds.SUSPECTED_ABUSE, Severity.MINOR, null,
                "Carer seen shaking a child in room 2 at 10:02");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.source()).isEqualTo(AlertSource.PATROL);
        assertThat(fx.notices).anySatisfy(n -> {
            assertThat(n.event()).isEqualTo("alert.suspected_abuse");
            assertThat(n.alert().id()).isEqualTo(a.id());
            assertThat(n.extra()).containsEntry("audience", "district-lead");
        });
        assertThat(fx.repo.events(a.id())).extracting(AlertEvent::action).containsExactly("raise", "notify_district_lead");
        fx.service.acknowledge(fx.officer, a.id(), null);
        fx.service.answer(fx.facilityA1, a.id(), "Carer suspended pending investigation", null, null);
        assertThatThrownBy(() -> fx.service.resolve(fx.facilityA1, a.id(), null)).isInstanceOf(ForbiddenException.class);
        fx.service.resolve(fx.officer, a.id(), null);
        assertThatThrownBy(() -> fx.service.close(fx.facilityA1, a.id(), null)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("suspected-abuse");
        assertThat(fx.service.close(fx.admin, a.id(), "reported to police").state()).isEqualTo(AlertState.CLOSED);
    }

    @Test
    void overdueAcknowledgementThenAnswerEscalateOnceEach() throws SQLException {
        Alert a = sensorAlert("s-late", Severity.MAJOR);
        var d = fx.cfg.deadlines().major();
        fx.clock.set(a.firstSeen().plus(d.acknowledge()).minusSeconds(1));
        fx.service.escalateOverdue();
        assertThat(fx.repo.find(a.id()).orElseThrow().escalationLevel()).isZero();
        fx.clock.set(a.firstSeen().plus(d.acknowledge()));
        assertThat(fx.service.escalateOverdue()).isPositive();
        fx.service.escalateOverdue();
        assertThat(fx.repo.find(a.id()).orElseThrow().escalationLevel()).isEqualTo(1);
        fx.service.acknowledge(fx.officer, a.id(), null);
        fx.clock.set(a.firstSeen().plus(d.answer()).minusSeconds(1));
        fx.service.escalateOverdue();
        assertThat(fx.repo.find(a.id()).orElseThrow().escalationLevel()).isEqualTo(1);
        fx.clock.set(a.firstSeen().plus(d.answer()));
        fx.service.escalateOverdue();
        fx.service.escalateOverdue();
        Alert late = fx.repo.find(a.id()).orElseThrow();
        assertThat(late.escalationLevel()).isEqualTo(2);
        assertThat(fx.repo.events(a.id())).filteredOn(e -> e.action().equals("escalate")).extracting(e -> e.detail().get("level"))
                .containsExactly(1, 2);
        assertThat(fx.notices).filteredOn(n -> n.event().equals("alert.escalated") && n.alert().id() == a.id()).hasSize(2);
        // Answered in the end: nothing more to escalate.
        fx.service.answer(fx.facilityA1, a.id(), "done", null, null);
        fx.clock.advance(Duration.ofDays(30));
        assertThat(fx.repo.overdue(fx.clock.instant())).noneMatch(x -> x.id() == a.id());
    }

    @Test
    void historyIsEvidence() throws SQLException {
        Alert a = sensorAlert("s-evidence", Severity.MINOR);
        try (Connection c = fx.store.connection(); var st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("UPDATE alert_events SET actor = 'someone else' WHERE alert_id = " + a.id()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM alerts WHERE id = " + a.id()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("never deleted");
            // Changing the current state without its event fails at commit.
            assertThatThrownBy(() -> st.executeUpdate("UPDATE alerts SET state = 'closed' WHERE id = " + a.id()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("without an alert_events row");
        }
        assertThat(fx.repo.find(a.id()).orElseThrow().state()).isEqualTo(AlertState.OPEN);
    }
}
