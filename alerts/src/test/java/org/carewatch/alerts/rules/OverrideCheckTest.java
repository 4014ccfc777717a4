package org.carewatch.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.carewatch.profiles.sensor.AlertRule;
import org.carewatch.profiles.sensor.Severity;
import org.junit.jupiter.api.Test;

class OverrideCheckTest {
    final ProfileCatalog catalog = ProfileCatalog.builtIn();

    AlertRule rule(String profile, String id) {
        return catalog.sensor(profile).orElseThrow().alertRules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    static RuleOverride o(Double threshold, Double clear, Duration forDuration, String schedule) {
        return new RuleOverride(1, "p", "r", true, threshold, clear, forDuration, Severity.MAJOR, schedule);
    }

    static OverrideProblem problem(AlertRule r, RuleOverride o) {
        try {
            OverrideCheck.check(r, o);
        } catch (OverrideProblem p) {
            return p;
        }
        throw new AssertionError("accepted " + o);
    }

    @Test
    void acceptsConsistentChanges() {
        AlertRule co2 = rule("z2m-air-quality", "co2-critical"); // above 1500, clear 1400
        assertThatCode(() -> OverrideCheck.check(co2, o(1200.0, 1100.0, Duration.ofMinutes(5), "always"))).doesNotThrowAnyException();
        assertThatCode(() -> OverrideCheck.check(co2, o(null, null, null, null))).doesNotThrowAnyException();
        assertThatCode(() -> OverrideCheck.check(rule("z2m-smoke", "smoke"), o(null, null, Duration.ZERO, "nap"))).doesNotThrowAnyException();
    }

    @Test
    void clearOnTheWrongSideIsUnprocessableAndNamesTheFieldSent() {
        AlertRule co2 = rule("z2m-air-quality", "co2-critical");
        OverrideProblem p = problem(co2, o(1500.0, 1600.0, null, null));
        assertThat(p.unprocessable()).isTrue();
        assertThat(p.field()).isEqualTo("clearThreshold");
        // Lowering only the threshold under the profile's clear (1400) is caught too, on "threshold".
        p = problem(co2, o(1000.0, null, null, null));
        assertThat(p.field()).isEqualTo("threshold");
        AlertRule cold = rule("z2m-temperature-humidity", "room-cold"); // below 16, clear 18
        assertThat(problem(cold, o(16.0, 15.0, null, null)).field()).isEqualTo("clearThreshold");
    }

    @Test
    void valuesTheRuleKindDoesNotHaveAreUnprocessable() {
        AlertRule smoke = rule("z2m-smoke", "smoke"); // boolean-true
        assertThat(problem(smoke, o(1.0, null, null, null))).satisfies(p -> {
            assertThat(p.field()).isEqualTo("threshold");
            assertThat(p.unprocessable()).isTrue();
        });
        assertThat(problem(smoke, o(null, 0.0, null, null)).field()).isEqualTo("clearThreshold");
    }

    @Test
    void outOfRangeValuesAreBadRequests() {
        AlertRule co2 = rule("z2m-air-quality", "co2-critical");
        assertThat(problem(co2, o(Double.NaN, null, null, null))).satisfies(p -> {
            assertThat(p.field()).isEqualTo("threshold");
            assertThat(p.unprocessable()).isFalse();
        });
        assertThat(problem(co2, o(null, null, Duration.ofSeconds(-1), null)).field()).isEqualTo("for");
        assertThat(problem(co2, o(null, null, Duration.ofDays(2), null)).field()).isEqualTo("for");
        // An unknown schedule would never apply: a silent way to switch a rule off.
        assertThatThrownBy(() -> OverrideCheck.check(co2, o(null, null, null, "never"))).isInstanceOf(OverrideProblem.class)
                .extracting("field").isEqualTo("schedule");
    }
}
