package org.carewatch.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.carewatch.alerts.testing.AlertsFixture;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.sensors.SensorInput;
import org.carewatch.core.users.Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules {@link RuleOverrides} owns, on a real database: every role reads the rules of a centre in its
 * scope; the change record is for administrators, officers and auditors; only administrators and officers
 * of the district change rules (never facility staff, so a centre cannot silence its own alarms). A role
 * that may not is refused (403) before anything else; a centre of another district, or another centre for
 * facility staff, is not found (404). Refused changes leave the rules and the record as they were.
 */
class RuleOverridesIT {
    static final String PROFILE = "z2m-air-quality";
    static final String RULE = "co2-critical";
    static final RuleOverrideInput LOWER = new RuleOverrideInput(null, 1200.0, 1100.0, "PT5M", "major", null);
    static AlertsFixture fx;
    static RuleBook book;
    static RuleOverrides rules;
    static long sensor;

    @BeforeAll
    static void setUp() throws SQLException {
        fx = new AlertsFixture();
        sensor = fx.sensors.create(fx.centreA1, new SensorInput("air", PROFILE, "air-rules-it", null, null, null)).id();
        book = new RuleBook(fx.catalog::sensor, new RuleOverrideRepository(fx.store.dataSource()), null);
        book.reload();
        rules = new RuleOverrides(fx.store.dataSource(), book, fx.catalog::sensor, fx.centreService, fx.sensors);
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    static void forbidden(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ForbiddenException.class);
    }

    static void notFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NotFoundException.class);
    }

    static long changes() throws SQLException {
        return fx.count("SELECT count(*) FROM alert_config_changes");
    }

    @Test
    void everyRoleReadsTheRulesOfACentreInItsScope() throws SQLException {
        for (Principal p : new Principal[] {fx.officer, fx.admin, fx.auditor, fx.facilityA1}) {
            CentreRules r = rules.centreRules(p, fx.centreA1);
            assertThat(r.profiles()).singleElement().satisfies(pr -> {
                assertThat(pr.profileId()).isEqualTo(PROFILE);
                assertThat(pr.known()).isTrue();
                assertThat(pr.sensorIds()).containsExactly(sensor);
                assertThat(pr.rules()).extracting(e -> e.profileRule().id()).contains(RULE);
            });
        }
        notFound(() -> rules.centreRules(fx.facilityA1, fx.centreA2));
        notFound(() -> rules.centreRules(fx.facilityA2, fx.centreA1));
        notFound(() -> rules.centreRules(fx.officerB, fx.centreA1));
        notFound(() -> rules.centreRules(fx.adminB, fx.centreA1));
        notFound(() -> rules.centreRules(fx.officer, 999_999));
    }

    @Test
    void theChangeRecordIsForTheDistrictsAdministratorsOfficersAndAuditors() throws SQLException {
        forbidden(() -> rules.changes(fx.facilityA1, fx.centreA1, 10));
        notFound(() -> rules.changes(fx.officerB, fx.centreA1, 10));
        notFound(() -> rules.changes(fx.auditor, fx.centreB1, 10));
        for (Principal p : new Principal[] {fx.officer, fx.admin, fx.auditor}) {
            assertThat(rules.changes(p, fx.centreA2, 10)).isEmpty();
        }
    }

    @Test
    void onlyAdministratorsAndOfficersOfTheDistrictChangeRules() throws SQLException {
        long recorded = changes();
        for (Principal p : new Principal[] {fx.facilityA1, fx.auditor}) {
            forbidden(() -> rules.put(p, fx.centreA1, PROFILE, RULE, LOWER));
            forbidden(() -> rules.delete(p, fx.centreA1, PROFILE, RULE));
        }
        // The role is checked before the input and before the centre.
        forbidden(() -> rules.put(fx.facilityA1, fx.centreA1, PROFILE, RULE, new RuleOverrideInput(null, null, null, "ten minutes", null, null)));
        forbidden(() -> rules.put(fx.facilityA1, fx.centreB1, PROFILE, RULE, LOWER));
        for (Principal p : new Principal[] {fx.officerB, fx.adminB}) {
            notFound(() -> rules.put(p, fx.centreA1, PROFILE, RULE, LOWER));
            notFound(() -> rules.delete(p, fx.centreA1, PROFILE, RULE));
        }
        notFound(() -> rules.put(fx.officer, 999_999, PROFILE, RULE, LOWER));
        assertThatThrownBy(() -> rules.put(fx.officer, fx.centreA1, PROFILE, RULE, new RuleOverrideInput(null, null, null, "ten minutes", null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("for"));
        assertThatThrownBy(() -> rules.put(fx.officer, fx.centreA1, PROFILE, RULE, new RuleOverrideInput(null, null, null, null, "apocalyptic", null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("severity"));
        assertThat(book.override(fx.centreA1, PROFILE, RULE)).isEmpty();
        assertThat(changes()).isEqualTo(recorded);

        RuleBook.EffectiveRule set = rules.put(fx.officer, fx.centreA1, PROFILE, RULE, LOWER);
        assertThat(set.rule().threshold()).isEqualTo(1200.0);
        assertThat(book.override(fx.centreA1, PROFILE, RULE)).isPresent();
        assertThat(rules.changes(fx.auditor, fx.centreA1, 10)).first().satisfies(c -> {
            assertThat(c.action()).isEqualTo("rule_override.set");
            assertThat(c.username()).isEqualTo(fx.officer.username());
            assertThat(c.districtId()).isEqualTo(fx.districtA);
        });
        // Another district still cannot remove it; the district's administrator can, once.
        notFound(() -> rules.delete(fx.adminB, fx.centreA1, PROFILE, RULE));
        assertThat(rules.delete(fx.admin, fx.centreA1, PROFILE, RULE).override()).isNull();
        notFound(() -> rules.delete(fx.admin, fx.centreA1, PROFILE, RULE));
        assertThat(changes()).isEqualTo(recorded + 2);
    }
}
