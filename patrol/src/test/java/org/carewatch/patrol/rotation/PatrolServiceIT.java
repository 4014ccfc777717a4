package org.carewatch.patrol.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.carewatch.alerts.history.AlertHistory;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;
import org.carewatch.patrol.PatrolServices;
import org.carewatch.patrol.classes.AgeGroup;
import org.carewatch.patrol.classes.CentreClass;
import org.carewatch.patrol.plan.DateRange;
import org.carewatch.patrol.roster.RosterPatch;
import org.carewatch.patrol.rules.RotationRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The patrol services' rules on a real PostgreSQL: who may see and do what, in which district. */
class PatrolServiceIT {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Tuesday 2025-03-11 10:00 in Shanghai: drawing Wednesday is before its start. */
    static final Instant NOW = LocalDate.of(2025, 3, 11).atTime(10, 0).atZone(SHANGHAI).toInstant();
    static final LocalDate WEDNESDAY = LocalDate.of(2025, 3, 12);

    static TestDatabase db;
    static Store store;
    static PatrolServices services;
    static PatrolServices later;
    static Principal admin;
    static Principal officer1;
    static Principal auditor;
    static Principal facility;
    static Principal adminB;
    static long districtA;
    static long centreA1;
    static long centreA2;
    static long centreB1;
    static long officer2;
    static long officer3;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        var cfg = ConfigLoader.load(null, Map.of());
        store = Store.open(cfg.store(), db.jdbcUrl(), db.user(), db.password(), null);
        TestData data = new TestData(store.dataSource());
        districtA = data.district("A");
        long districtB = data.district("B");
        centreA1 = data.centre(districtA, "A1");
        centreA2 = data.centre(districtA, "A2");
        for (int i = 3; i <= 8; i++) {
            data.centre(districtA, "A" + i);
        }
        centreB1 = data.centre(districtB, "B1");
        try (Connection c = store.connection(); var st = c.createStatement()) {
            st.execute("UPDATE centres SET nap_starts_at = '12:00', nap_ends_at = '14:00'");
        }
        UserRepository users = new UserRepository(store.dataSource());
        long a = data.user("admin-a", "pw-admin-a", Role.ADMIN, districtA);
        long o1 = data.user("officer-a1", "pw", Role.OFFICER, districtA);
        officer2 = data.user("officer-a2", "pw", Role.OFFICER, districtA);
        officer3 = data.user("officer-a3", "pw", Role.OFFICER, districtA);
        long au = data.user("auditor-a", "pw", Role.AUDITOR, districtA);
        long f = data.user("facility-a1", "pw", Role.FACILITY, centreA1);
        long b = data.user("admin-b", "pw", Role.ADMIN, districtB);
        admin = users.find(a).orElseThrow();
        officer1 = users.find(o1).orElseThrow();
        auditor = users.find(au).orElseThrow();
        facility = users.find(f).orElseThrow();
        adminB = users.find(b).orElseThrow();
        AlertHistory history = new AlertHistory(store.dataSource(), SHANGHAI);
        services = PatrolServices.create(store.dataSource(), history, "Asia/Shanghai", Clock.fixed(NOW, ZoneOffset.UTC));
        // The same node a day later: Wednesday has started.
        later = PatrolServices.create(store.dataSource(), history, "Asia/Shanghai",
                Clock.fixed(WEDNESDAY.atTime(11, 0).atZone(SHANGHAI).toInstant(), ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        store.close();
        db.close();
    }

    @Test
    void onlyAdministratorsDrawAndFacilityStaffSeeNothing() throws Exception {
        assertThatThrownBy(() -> services.rotations().draw(officer1, WEDNESDAY, null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.rotations().draw(auditor, WEDNESDAY, null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.rotations().draw(facility, WEDNESDAY, null)).isInstanceOf(ForbiddenException.class);
        RotationView v = services.rotations().draw(admin, WEDNESDAY, "ab".repeat(32));
        assertThat(v.seed()).as("not revealed before the day starts").isNull();
        assertThat(v.seedCommitment()).hasSize(64);
        assertThat(v.rounds()).hasSize(3);
        assertThat(v.rounds().get(0).assignments()).hasSize(3);
        // District roles read it; facility staff never do; another district does not find it.
        assertThat(services.rotations().view(officer1, WEDNESDAY).seedCommitment()).isEqualTo(v.seedCommitment());
        assertThat(services.rotations().view(auditor, WEDNESDAY).inputsDigest()).isEqualTo(v.inputsDigest());
        assertThatThrownBy(() -> services.rotations().view(facility, WEDNESDAY)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.rotations().export(facility, WEDNESDAY)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.rotations().view(adminB, WEDNESDAY)).isInstanceOf(NotFoundException.class);
        // Before the day: the export hides the seed and verification says why it cannot pass yet.
        assertThat(services.rotations().export(admin, WEDNESDAY).get("seed").isNull()).isTrue();
        assertThat(services.rotations().verify(auditor, WEDNESDAY).reason()).contains("not revealed");
        // Once the day has started: the seed shows, the stored draw verifies, and it can no longer be re-drawn.
        assertThat(later.rotations().view(officer1, WEDNESDAY).seed()).isEqualTo("ab".repeat(32));
        assertThat(later.rotations().verify(auditor, WEDNESDAY).verified()).isTrue();
        assertThatThrownBy(() -> later.rotations().draw(admin, WEDNESDAY, null)).isInstanceOf(ConflictException.class);
    }

    @Test
    void aReDrawBeforeTheDayReplacesThePlanAndLaterEditsDoNotChangeVerification() throws Exception {
        LocalDate thursday = WEDNESDAY.plusDays(1);
        services.rotations().draw(admin, thursday, null);
        RotationView second = services.rotations().draw(admin, thursday, "cd".repeat(32));
        assertThat(services.rotations().view(admin, thursday).seedCommitment()).isEqualTo(second.seedCommitment());
        // Frozen inputs: a centre edited after the draw does not change what verification recomputes.
        try (Connection c = store.connection(); var st = c.createStatement()) {
            st.execute("UPDATE centres SET open_days = '{6}' WHERE code = 'A3'");
        }
        try {
            PatrolServices friday = PatrolServices.create(store.dataSource(), new AlertHistory(store.dataSource(), SHANGHAI), "Asia/Shanghai",
                    Clock.fixed(thursday.atTime(9, 0).atZone(SHANGHAI).toInstant(), ZoneOffset.UTC));
            assertThat(friday.rotations().verify(auditor, thursday).verified()).isTrue();
        } finally {
            try (Connection c = store.connection(); var st = c.createStatement()) {
                st.execute("UPDATE centres SET open_days = '{1,2,3,4,5}' WHERE code = 'A3'");
            }
        }
    }

    @Test
    void anAbsenceReDrawsOnlyUnfinishedVisitsAndIsVerifiable() throws Exception {
        LocalDate friday = WEDNESDAY.plusDays(2);
        services.rotations().draw(admin, friday, null);
        PatrolServices during = PatrolServices.create(store.dataSource(), new AlertHistory(store.dataSource(), SHANGHAI), "Asia/Shanghai",
                Clock.fixed(friday.atTime(10, 0).atZone(SHANGHAI).toInstant(), ZoneOffset.UTC));
        RotationView before = during.rotations().view(admin, friday);
        RotationView.Assignment first = before.rounds().get(0).assignments().get(0);
        long absent = first.officerId();
        long finished = first.visits().get(0).visitId();
        services.rotationRepository().markReviewed(finished);
        assertThatThrownBy(() -> during.rotations().markAbsent(officer1, friday, absent)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> during.rotations().markAbsent(admin, friday, 999_999)).isInstanceOf(InvalidInputException.class);
        RotationView after = during.rotations().markAbsent(admin, friday, absent);
        assertThat(after.redraws()).hasSize(1);
        assertThat(after.redraws().get(0).seed()).as("the day has started: the re-draw's seed shows").isNotNull();
        List<RotationView.Visit> stillAbsent = after.rounds().stream().flatMap(r -> r.assignments().stream())
                .filter(a -> a.officerId() == absent).flatMap(a -> a.visits().stream()).toList();
        assertThat(stillAbsent).filteredOn(x -> x.status() == VisitStatus.PLANNED).isEmpty();
        assertThat(stillAbsent).anyMatch(x -> x.visitId() == finished && x.status() == VisitStatus.REVIEWED);
        assertThat(during.rotations().verify(auditor, friday).verified()).isTrue();
        // The absence is on the roster now.
        assertThat(services.rosters().get(admin, absent).absences()).contains(new DateRange(friday, friday));
    }

    @Test
    void rosterRulesAndClassesFollowRoleAndScope() throws Exception {
        var roster = services.rosters().get(officer1, officer2);
        assertThat(roster.workingDays()).containsExactly(1, 2, 3, 4, 5);
        assertThatThrownBy(() -> services.rosters().get(facility, officer2)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.rosters().get(adminB, officer2)).isInstanceOf(NotFoundException.class);
        RosterPatch patch = new RosterPatch(List.of(1, 2, 3), null, List.of(centreA2), roster.version());
        assertThatThrownBy(() -> services.rosters().update(officer1, officer2, patch)).isInstanceOf(ForbiddenException.class);
        var updated = services.rosters().update(admin, officer2, patch);
        assertThat(updated.conflictCentreIds()).containsExactly(centreA2);
        assertThatThrownBy(() -> services.rosters().update(admin, officer2, new RosterPatch(null, null, List.of(centreB1), updated.version())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("conflictCentreIds");
        assertThatThrownBy(() -> services.rosters().update(admin, officer2, patch)).isInstanceOf(ConflictException.class);

        RotationRules rules = services.rules().get(auditor, districtA);
        assertThat(rules.timeZone()).isEqualTo("Asia/Shanghai");
        RotationRules.Input in = new RotationRules.Input(null, rules.rounds().subList(0, 2), 15, null, null, rules.version());
        assertThatThrownBy(() -> services.rules().put(officer1, districtA, in)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.rules().get(adminB, districtA)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> services.rules().get(facility, districtA)).isInstanceOf(ForbiddenException.class);
        RotationRules.Input restore = new RotationRules.Input(null, rules.rounds(), 30, null, null, null);
        assertThat(services.rules().put(admin, districtA, in).maxFrameAgeMinutes()).isEqualTo(15);
        services.rules().put(admin, districtA, new RotationRules.Input(restore.timeZone(), restore.rounds(), 30, null, null, 1));

        CentreClass.Input cls = new CentreClass.Input("小一班", AgeGroup.MONTHS_12_24, 12, 3, null);
        CentreClass created = services.classes().create(facility, centreA1, cls);
        assertThatThrownBy(() -> services.classes().create(facility, centreA2, cls)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> services.classes().create(officer1, centreA1, cls)).isInstanceOf(ForbiddenException.class);
        assertThat(services.classes().list(auditor, centreA1)).containsExactly(created);
        CentreClass changed = services.classes().update(admin, centreA1, created.id(), new CentreClass.Input(null, null, 14, null, 0));
        assertThat(changed.enrolled()).isEqualTo(14);
        services.classes().delete(facility, centreA1, created.id());
        assertThat(services.classes().list(officer1, centreA1)).isEmpty();
    }

    @Test
    void spotChecksNeedTwoInspectorsAndFollowScope() throws Exception {
        assertThatThrownBy(() -> services.spotChecks().draw(officer1, districtA, "0.5", WEDNESDAY, WEDNESDAY.plusDays(6), null))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.spotChecks().draw(admin, districtA, "1.5", WEDNESDAY, WEDNESDAY.plusDays(6), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("share");
        var v = services.spotChecks().draw(admin, districtA, "0.5", WEDNESDAY, WEDNESDAY.plusDays(6), null);
        assertThat(v.checks()).hasSize(4);
        assertThat(v.checks()).allMatch(c -> c.inspectorIds().size() >= 2 || !v.unmet().isEmpty());
        assertThat(v.seed()).isNull();
        assertThat(services.spotChecks().get(auditor, v.id()).id()).isEqualTo(v.id());
        assertThatThrownBy(() -> services.spotChecks().get(facility, v.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.spotChecks().get(adminB, v.id())).isInstanceOf(NotFoundException.class);
        assertThat(later.spotChecks().verify(auditor, v.id()).verified()).isTrue();
    }
}
