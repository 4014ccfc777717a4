package org.carewatch.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.carewatch.profiles.sensor.AlertCondition;
import org.carewatch.profiles.sensor.AlertRule;
import org.carewatch.profiles.sensor.Severity;
import org.junit.jupiter.api.Test;

class ConditionCheckTest {
    static AlertRule rule(AlertCondition c, Double t, Double clear) {
        return new AlertRule("r", "m", c, t, clear, Duration.ZERO, Duration.ofMinutes(5), Severity.MINOR, "always", null);
    }

    @Test
    void aboveHasAHysteresisBand() {
        AlertRule r = rule(AlertCondition.ABOVE, 1000.0, 900.0);
        assertThat(ConditionCheck.evaluate(r, 1001, null)).isEqualTo(Evaluation.TRIGGERED);
        assertThat(ConditionCheck.evaluate(r, 1000, null)).isEqualTo(Evaluation.HOLD);
        assertThat(ConditionCheck.evaluate(r, 901, null)).isEqualTo(Evaluation.HOLD);
        assertThat(ConditionCheck.evaluate(r, 900, null)).isEqualTo(Evaluation.CLEAR);
    }

    @Test
    void belowMirrorsAboveAndWithoutClearTheThresholdClears() {
        AlertRule r = rule(AlertCondition.BELOW, 16.0, 18.0);
        assertThat(ConditionCheck.evaluate(r, 15.9, null)).isEqualTo(Evaluation.TRIGGERED);
        assertThat(ConditionCheck.evaluate(r, 17, null)).isEqualTo(Evaluation.HOLD);
        assertThat(ConditionCheck.evaluate(r, 18, null)).isEqualTo(Evaluation.CLEAR);
        assertThat(ConditionCheck.evaluate(rule(AlertCondition.BELOW, 0.5, null), 0.5, null)).isEqualTo(Evaluation.CLEAR);
    }

    @Test
    void booleanAndRate() {
        AlertRule b = rule(AlertCondition.BOOLEAN_TRUE, null, null);
        assertThat(ConditionCheck.evaluate(b, 1, null)).isEqualTo(Evaluation.TRIGGERED);
        assertThat(ConditionCheck.evaluate(b, 0, null)).isEqualTo(Evaluation.CLEAR);
        AlertRule rate = rule(AlertCondition.RATE, 5.0, 2.0);
        assertThat(ConditionCheck.evaluate(rate, 20, 6.0)).isEqualTo(Evaluation.TRIGGERED);
        assertThat(ConditionCheck.evaluate(rate, 20, 3.0)).isEqualTo(Evaluation.HOLD);
        assertThat(ConditionCheck.evaluate(rate, 20, 1.0)).isEqualTo(Evaluation.CLEAR);
    }

    @Test
    void rateWindowMeasuresChangeWithinTheWindowOnly() {
        RateWindow w = new RateWindow(Duration.ofMinutes(5));
        var t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        assertThat(w.add(t0, 20)).isZero();
        assertThat(w.add(t0.plusSeconds(60), 23)).isEqualTo(3);
        assertThat(w.add(t0.plusSeconds(600), 24)).isZero();
    }

    @Test
    void schedulesFollowTheCentreWeek() {
        CentreHours h = new CentreHours(List.of(1, 2, 3, 4, 5), LocalTime.of(7, 30), LocalTime.of(17, 30), LocalTime.of(12, 0), LocalTime.of(14, 0));
        ZoneId z = ZoneId.of("Asia/Shanghai");
        var wedNap = LocalDateTime.of(2026, 11, 18, 12, 30).atZone(z);
        var wedEvening = LocalDateTime.of(2026, 11, 18, 19, 0).atZone(z);
        var saturday = LocalDateTime.of(2026, 11, 21, 10, 0).atZone(z);
        assertThat(h.covers("nap", wedNap)).isTrue();
        assertThat(h.covers("opening-hours", wedNap)).isTrue();
        assertThat(h.covers("closed-hours", wedEvening)).isTrue();
        assertThat(h.covers("opening-hours", saturday)).isFalse();
        assertThat(h.covers("nap", saturday)).isFalse();
        assertThat(h.covers("no-such-schedule", wedNap)).isFalse();
    }
}
