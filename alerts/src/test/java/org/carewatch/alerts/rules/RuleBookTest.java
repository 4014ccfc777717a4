package org.carewatch.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.carewatch.profiles.catalog.ProfileCatalog;
import org.carewatch.profiles.sensor.AlertRule;
import org.junit.jupiter.api.Test;

class RuleBookTest {
    final ProfileCatalog catalog = ProfileCatalog.builtIn();

    @Test
    void profileRulesPerMetricAndPlacement() {
        RuleBook book = new RuleBook(catalog::sensor, null, id -> id == 2 ? "Fridge" : null);
        assertThat(book.rules(1, 1, "z2m-air-quality", "co2")).extracting(AlertRule::id).containsExactly("co2-warning", "co2-critical");
        assertThat(book.rules(1, 1, "z2m-temperature-humidity", "temperature")).isEmpty();
        assertThat(book.rules(1, 2, "z2m-temperature-humidity", "temperature")).extracting(AlertRule::id).containsExactly("fridge-warm");
        assertThat(book.rules(1, 1, "no-such-profile", "co2")).isEmpty();
    }
}
