package org.carewatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.carewatch.core.audit.AccessLog;
import org.carewatch.core.audit.AccessLogFilter;
import org.carewatch.core.audit.AccessLogQuery;
import org.carewatch.core.audit.AccessLogService;
import org.carewatch.core.audit.AccessRecord;
import org.carewatch.core.cameras.CameraInput;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.core.cameras.CameraService;
import org.carewatch.core.cameras.CameraChangeListener;
import org.carewatch.core.cameras.CameraHistory;
import org.carewatch.core.cameras.CameraOversight;
import org.carewatch.core.cameras.MaskRect;
import org.carewatch.core.districts.DistrictRepository;
import org.carewatch.core.districts.LiveViewService;
import org.carewatch.core.outbound.OutboundPolicy;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreInput;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.readings.HourlyRollup;
import org.carewatch.core.readings.ReadingQueries;
import org.carewatch.core.security.CredentialCipher;
import org.carewatch.core.sensors.SensorInput;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.core.sensors.SensorService;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.LoginThrottle;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.SignInRefusedException;
import org.carewatch.core.users.SignInService;
import org.carewatch.core.users.TokenRepository;
import org.carewatch.core.users.UserRepository;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what, checked where the rules live: every public method of core's services, called by each
 * kind of caller on the objects of two centres of district A (A1, A2), one centre of district B (B1) and
 * an object that does not exist. A role the method does not allow gets {@link ForbiddenException} (HTTP 403)
 * whatever the object; an allowed role gets {@link NotFoundException} (HTTP 404) for an object outside its
 * scope, worded as for a missing one; else the call goes through. Real PostgreSQL.
 */
class ServiceRulesIT {
    /** Where the object of a call is. */
    enum Place {
        A1, A2, B1, MISSING
    }

    /** A caller and the places it may see: written out here, not derived from the code under test. */
    record Caller(String name, Principal who, Set<Place> sees) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Call {
        void run(Principal who, Place where) throws Exception;
    }

    private static final Set<Role> EVERY_ROLE = Set.of(Role.values());
    private static final long NO_SUCH_ID = 987_654_321L;

    @TempDir
    static Path keyDir;
    static TestDatabase db;
    static Store store;
    static CentreService centres;
    static CameraService cameras;
    static CameraHistory history;
    static CameraOversight oversight;
    static SensorService sensors;
    static AccessLogService accessLog;
    static SignInService signIns;
    static CameraRepository cameraRepo;
    static CentreRepository centreRepo;
    static long districtA;
    static final Map<Place, Long> centreIds = new EnumMap<>(Place.class);
    static final Map<Place, Long> cameraIds = new EnumMap<>(Place.class);
    static final Map<Place, Long> sensorIds = new EnumMap<>(Place.class);
    static final List<Long> centresChanged = new CopyOnWriteArrayList<>();
    static final List<Long> camerasChanged = new CopyOnWriteArrayList<>();
    static final List<Long> sensorsRegistered = new CopyOnWriteArrayList<>();
    static final AtomicInteger unique = new AtomicInteger();
    static List<Caller> callers;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.create();
        store = Store.open(ConfigLoader.load(null, Map.of()).store(), db.jdbcUrl(), db.user(), db.password(), null);
        var ds = store.dataSource();
        var data = new TestData(ds);
        districtA = data.district("A");
        long districtB = data.district("B");
        centreIds.put(Place.A1, data.centre(districtA, "A1"));
        centreIds.put(Place.A2, data.centre(districtA, "A2"));
        centreIds.put(Place.B1, data.centre(districtB, "B1"));
        centreIds.put(Place.MISSING, NO_SUCH_ID);

        ProfileCatalog profiles = ProfileCatalog.builtIn();
        centreRepo = new CentreRepository(ds);
        cameraRepo = new CameraRepository(ds, CredentialCipher.fromKeyFile(keyDir.resolve("credential.key")), profiles);
        SensorRepository sensorRepo = new SensorRepository(ds, profiles::sensor);
        centres = new CentreService(centreRepo, centresChanged::add);
        history = new CameraHistory(ds);
        var outbound = new OutboundPolicy(ConfigLoader.load(null, Map.of()).outbound());
        cameras = new CameraService(cameraRepo, history, centres, camerasChanged::add, CameraChangeListener.NONE,
                new CameraService.Rules(outbound, new LiveViewService(new DistrictRepository(ds)), java.time.ZoneOffset.UTC, Clock.systemUTC()));
        oversight = new CameraOversight(cameraRepo, history, centres, camerasChanged::add, Clock.systemUTC());
        sensors = new SensorService(sensorRepo, centres, new ReadingQueries(ds, HourlyRollup.of(store.features())),
                s -> sensorsRegistered.add(s.id()), new org.carewatch.core.sensors.DeviceCredentialRepository(ds));
        AccessLog log = new AccessLog(ds);
        accessLog = new AccessLogService(log, new AccessLogQuery(ds));
        signIns = new SignInService(new UserRepository(ds), new TokenRepository(ds, Clock.systemUTC()), new PasswordHasher(),
                new LoginThrottle(new LoginThrottle.Limits(3, 20, 50, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(10)),
                        Clock.systemUTC()), Duration.ofHours(1));

        for (Place p : List.of(Place.A1, Place.A2, Place.B1)) {
            long centre = centreIds.get(p);
            cameraIds.put(p, cameraRepo.create(centre, cameraInput(null)).id());
            sensorIds.put(p, sensorRepo.create(centre, sensorInput(p)).id());
            log.append(new AccessRecord(Instant.now(), 1, "someone", "officer", "snapshot", "camera", cameraIds.get(p), centre, "patrol", ""));
        }
        cameraIds.put(Place.MISSING, NO_SUCH_ID);
        sensorIds.put(Place.MISSING, NO_SUCH_ID);

        data.user("admin-a", "pw-admin-a", Role.ADMIN, districtA);
        data.user("officer-a", "pw-officer-a", Role.OFFICER, districtA);
        data.user("auditor-a", "pw-auditor-a", Role.AUDITOR, districtA);
        data.user("facility-a1", "pw-facility-a1", Role.FACILITY, centreIds.get(Place.A1));
        data.user("admin-b", "pw-admin-b", Role.ADMIN, districtB);
        data.user("locked-out", "pw-locked-out", Role.OFFICER, districtA);
        Set<Place> districtAPlaces = Set.of(Place.A1, Place.A2);
        callers = List.of(
                new Caller("admin of A", principal("admin-a"), districtAPlaces),
                new Caller("officer of A", principal("officer-a"), districtAPlaces),
                new Caller("auditor of A", principal("auditor-a"), districtAPlaces),
                new Caller("facility staff of A1", principal("facility-a1"), Set.of(Place.A1)),
                new Caller("admin of B", principal("admin-b"), Set.of(Place.B1)));
    }

    @AfterAll
    static void tearDown() {
        if (store != null) {
            store.close();
        }
        db.close();
    }

    // ---- centres ----

    @TestFactory
    Stream<DynamicTest> centreVisible() {
        return rule("CentreService.visible", EVERY_ROLE, (who, at) -> {
            Centre c = centres.visible(who, centreIds.get(at));
            assertThat(c.id()).isEqualTo(centreIds.get(at));
        });
    }

    @TestFactory
    Stream<DynamicTest> centreUpdate() {
        return rule("CentreService.update", Set.of(Role.ADMIN), (who, at) -> {
            long id = centreIds.get(at);
            int version = centreRepo.find(id).map(Centre::version).orElse(0);
            centres.update(who, id, new CentreInput(null, null, null, null, null, 12, null, null, null, null, null, null, null, null, null,
                    version));
        });
    }

    @TestFactory
    Stream<DynamicTest> centreFindVisible() {
        // The scope rule other services build on: empty where the caller may not look, whatever the role.
        return rule("CentreService.findVisible", EVERY_ROLE, (who, at) ->
                centres.findVisible(who, centreIds.get(at)).orElseThrow(() -> new NotFoundException("centre " + centreIds.get(at) + " not found")));
    }

    @TestFactory
    Stream<DynamicTest> centreList() {
        return callers.stream().map(c -> DynamicTest.dynamicTest("CentreService.list by " + c, () -> {
            List<Long> expected = c.sees().stream().map(centreIds::get).sorted().toList();
            assertThat(centres.list(c.who(), true)).extracting(Centre::id).filteredOn(centreIds::containsValue)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }));
    }

    @Test
    void onlyAdministratorsCreateCentresAndOnlyInTheirOwnDistrict() throws SQLException {
        for (Caller c : callers) {
            CentreInput in = centreInput(null);
            if (c.who().role() == Role.ADMIN) {
                assertThat(centres.create(c.who(), in).districtId()).as(c.name()).isEqualTo(c.who().districtId());
            } else {
                assertThatThrownBy(() -> centres.create(c.who(), in)).as(c.name()).isInstanceOf(ForbiddenException.class);
            }
        }
        Principal adminB = callers.get(4).who();
        assertThatThrownBy(() -> centres.create(adminB, centreInput(districtA))).isInstanceOf(ForbiddenException.class)
                .extracting(e -> ((ForbiddenException) e).field()).isEqualTo("districtId");
        assertThat(centres.create(callers.get(0).who(), centreInput(districtA)).districtId()).isEqualTo(districtA);
    }

    // ---- cameras ----

    @TestFactory
    Stream<DynamicTest> cameraList() {
        return rule("CameraService.list", EVERY_ROLE, (who, at) ->
                assertThat(cameras.list(who, centreIds.get(at))).extracting(cam -> cam.id()).contains(cameraIds.get(at)));
    }

    @TestFactory
    Stream<DynamicTest> cameraVisible() {
        return rule("CameraService.visible", EVERY_ROLE, (who, at) ->
                assertThat(cameras.visible(who, cameraIds.get(at)).id()).isEqualTo(cameraIds.get(at)));
    }

    @TestFactory
    Stream<DynamicTest> cameraCreate() {
        return rule("CameraService.create", Set.of(Role.ADMIN, Role.FACILITY), (who, at) ->
                assertThat(cameras.create(who, centreIds.get(at), cameraInput(null)).centreId()).isEqualTo(centreIds.get(at)));
    }

    @TestFactory
    Stream<DynamicTest> cameraUpdate() {
        return rule("CameraService.update", Set.of(Role.ADMIN, Role.FACILITY), (who, at) -> {
            long id = cameraIds.get(at);
            int version = cameraRepo.find(id).map(cam -> cam.version()).orElse(0);
            cameras.update(who, id, cameraInput(version));
        });
    }

    @TestFactory
    Stream<DynamicTest> cameraForLiveView() {
        return rule("CameraService.forLiveView", EVERY_ROLE, (who, at) ->
                assertThat(cameras.forLiveView(who, cameraIds.get(at), "daily patrol").camera().id()).isEqualTo(cameraIds.get(at)));
    }

    @TestFactory
    Stream<DynamicTest> cameraChangesList() {
        return rule("CameraOversight.changes", Set.of(Role.ADMIN, Role.OFFICER, Role.AUDITOR), (who, at) ->
                oversight.changes(who, centreIds.get(at), null, null, 10, 0));
    }

    @TestFactory
    Stream<DynamicTest> maskRequestsList() {
        return rule("CameraOversight.maskRequests", EVERY_ROLE, (who, at) -> oversight.maskRequests(who, centreIds.get(at), "pending", 10, 0));
    }

    @TestFactory
    Stream<DynamicTest> maskRequestApprove() {
        return rule("CameraOversight.approve", Set.of(Role.ADMIN), (who, at) -> oversight.approve(who, pendingMaskRequest(at), "ok"));
    }

    @TestFactory
    Stream<DynamicTest> maskRequestReject() {
        return rule("CameraOversight.reject", Set.of(Role.ADMIN), (who, at) -> oversight.reject(who, pendingMaskRequest(at), "no"));
    }

    /** A new pending mask request on the camera at {@code at}, asked for by the centre's own staff. */
    private static long pendingMaskRequest(Place at) throws SQLException {
        if (at == Place.MISSING) {
            return NO_SUCH_ID;
        }
        long centre = centreIds.get(at);
        Principal staff = new Principal(999, "facility-of-" + at, "staff", Role.FACILITY, null, centre, "en");
        long id = cameraIds.get(at);
        int version = cameraRepo.find(id).orElseThrow().version();
        double x = (unique.incrementAndGet() % 50) / 100.0;
        cameras.update(staff, id, new CameraInput(null, null, null, null, null, null, null, null, null, null,
                List.of(new MaskRect(x, 0.1, 0.2, 0.2)), null, null, version));
        return history.requestsByCentre(centre, "pending", 1, 0).getFirst().id();
    }

    // ---- sensors ----

    @TestFactory
    Stream<DynamicTest> sensorList() {
        return rule("SensorService.list", EVERY_ROLE, (who, at) ->
                assertThat(sensors.list(who, centreIds.get(at))).extracting(s -> s.id()).contains(sensorIds.get(at)));
    }

    @TestFactory
    Stream<DynamicTest> sensorRegister() {
        return rule("SensorService.register", Set.of(Role.ADMIN, Role.FACILITY), (who, at) ->
                assertThat(sensors.register(who, centreIds.get(at), sensorInput(at)).sensor().centreId()).isEqualTo(centreIds.get(at)));
    }

    @TestFactory
    Stream<DynamicTest> sensorNewMqttPassword() {
        return rule("SensorService.newMqttPassword", Set.of(Role.ADMIN, Role.FACILITY), (who, at) ->
                assertThat(sensors.newMqttPassword(who, sensorIds.get(at)).username()).isEqualTo("sensor-" + sensorIds.get(at)));
    }

    @TestFactory
    Stream<DynamicTest> sensorVisible() {
        return rule("SensorService.visible", EVERY_ROLE, (who, at) ->
                assertThat(sensors.visible(who, sensorIds.get(at)).id()).isEqualTo(sensorIds.get(at)));
    }

    @TestFactory
    Stream<DynamicTest> sensorLatest() {
        return rule("SensorService.latest", EVERY_ROLE, (who, at) ->
                assertThat(sensors.latest(who, sensorIds.get(at)).sensor().id()).isEqualTo(sensorIds.get(at)));
    }

    @TestFactory
    Stream<DynamicTest> sensorReadings() {
        Instant to = Instant.now();
        return rule("SensorService.readings", EVERY_ROLE, (who, at) ->
                assertThat(sensors.readings(who, sensorIds.get(at), to.minus(Duration.ofHours(1)), to, null).points()).isEmpty());
    }

    // ---- access log ----

    @Test
    void auditorsAndAdministratorsReadTheAccessLogOfTheirOwnDistrictOnly() throws SQLException {
        AccessLogFilter all = new AccessLogFilter(null, null, null, null, null, null);
        for (Caller c : callers) {
            if (c.who().hasRole(Role.AUDITOR, Role.ADMIN)) {
                List<Long> expected = c.sees().stream().map(centreIds::get).toList();
                assertThat(accessLog.list(c.who(), all)).as(c.name()).extracting(AccessLogQuery.Entry::centreId)
                        .containsExactlyInAnyOrderElementsOf(expected);
                // Asking for another district's centre finds nothing of it.
                for (Place p : List.of(Place.A1, Place.A2, Place.B1)) {
                    var rows = accessLog.list(c.who(), new AccessLogFilter(centreIds.get(p), null, null, null, null, null));
                    assertThat(rows).as(c.name() + " asking for " + p).hasSize(c.sees().contains(p) ? 1 : 0);
                }
                assertThat(accessLog.verify(c.who()).intact()).as(c.name()).isTrue();
            } else {
                assertThatThrownBy(() -> accessLog.list(c.who(), all)).as(c.name()).isInstanceOf(ForbiddenException.class);
                assertThatThrownBy(() -> accessLog.verify(c.who())).as(c.name()).isInstanceOf(ForbiddenException.class);
            }
        }
    }

    @Test
    void accessLogPagesAreOneToAThousandRowsAndOtherLimitsAreRefusedNotClamped() throws SQLException {
        Principal auditor = callers.get(2).who();
        assertThat(accessLog.list(auditor, new AccessLogFilter(null, null, null, null, null, 1L))).hasSize(1);
        assertThat(accessLog.list(auditor, new AccessLogFilter(null, null, null, null, null, 1000L))).hasSize(2);
        for (long limit : new long[] {0L, -1L, 1001L, 1_000_000L}) {
            assertThatThrownBy(() -> accessLog.list(auditor, new AccessLogFilter(null, null, null, null, null, limit)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit").hasMessageContaining("1000");
        }
    }

    @Test
    void accessLogFiltersByCameraAndActionAndRefusesUnknownActionsAndEmptyRanges() throws SQLException {
        for (Caller c : callers) {
            if (!c.who().hasRole(Role.AUDITOR, Role.ADMIN)) {
                // The role is decided first: a refused caller learns nothing about the filter.
                assertThatThrownBy(() -> accessLog.list(c.who(), new AccessLogFilter(null, null, null, "delete", null, null, null, null)))
                        .as(c.name()).isInstanceOf(ForbiddenException.class);
                continue;
            }
            for (Place p : List.of(Place.A1, Place.A2, Place.B1)) {
                var rows = accessLog.list(c.who(), new AccessLogFilter(null, cameraIds.get(p), null, null, null, null, null, null));
                assertThat(rows).as(c.name() + " camera of " + p).hasSize(c.sees().contains(p) ? 1 : 0);
                rows.forEach(r -> assertThat(r.objectId()).isEqualTo(cameraIds.get(p)));
            }
            assertThat(accessLog.list(c.who(), new AccessLogFilter(null, null, null, "snapshot", null, null, null, null))).hasSize(c.sees().size());
            assertThat(accessLog.list(c.who(), new AccessLogFilter(null, null, null, "frame", null, null, null, null))).isEmpty();
            assertThatThrownBy(() -> accessLog.list(c.who(), new AccessLogFilter(null, null, null, "delete", null, null, null, null)))
                    .isInstanceOf(InvalidInputException.class).extracting(e -> ((InvalidInputException) e).field()).isEqualTo("action");
            Instant t = Instant.now();
            assertThatThrownBy(() -> accessLog.list(c.who(), new AccessLogFilter(null, null, null, null, t, t, null, null)))
                    .isInstanceOf(InvalidInputException.class).extracting(e -> ((InvalidInputException) e).field()).isEqualTo("to");
        }
    }

    // ---- announcements ----

    @Test
    void onlyStoredChangesAreAnnounced() throws SQLException {
        Principal officer = callers.get(1).who();
        Principal facility = callers.get(3).who();
        Principal admin = callers.get(0).who();
        long camA1 = cameraIds.get(Place.A1);
        long camA2 = cameraIds.get(Place.A2);
        int cams = camerasChanged.size();
        assertThatThrownBy(() -> cameras.update(officer, camA1, cameraInput(0))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> cameras.update(facility, camA2, cameraInput(0))).isInstanceOf(NotFoundException.class);
        assertThat(camerasChanged).hasSize(cams);
        cameras.update(facility, camA1, cameraInput(cameraRepo.find(camA1).orElseThrow().version()));
        assertThat(camerasChanged).hasSize(cams + 1).last().isEqualTo(camA1);

        int centresBefore = centresChanged.size();
        assertThatThrownBy(() -> centres.update(officer, centreIds.get(Place.A1), centreInput(null))).isInstanceOf(ForbiddenException.class);
        assertThat(centresChanged).hasSize(centresBefore);
        long a2 = centreIds.get(Place.A2);
        centres.update(admin, a2, new CentreInput(null, null, null, null, null, 20, null, null, null, null, null, null, null, null, null,
                centreRepo.find(a2).orElseThrow().version()));
        assertThat(centresChanged).hasSize(centresBefore + 1).last().isEqualTo(a2);

        int sensorsBefore = sensorsRegistered.size();
        assertThatThrownBy(() -> sensors.register(facility, centreIds.get(Place.A2), sensorInput(Place.A2))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> sensors.register(facility, centreIds.get(Place.A1), new SensorInput("x", "no-such-profile", "k", null, null, null)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(sensorsRegistered).hasSize(sensorsBefore);
        long registered = sensors.register(facility, centreIds.get(Place.A1), sensorInput(Place.A1)).sensor().id();
        assertThat(sensorsRegistered).hasSize(sensorsBefore + 1).last().isEqualTo(registered);
    }

    // ---- sign-in ----

    @Test
    void signInIssuesATokenThatSignsOnlyItsOwnerOut() throws SQLException {
        var officer = signIns.signIn(" Officer-A ", "pw-officer-a", "192.0.2.1");
        assertThat(officer.principal().username()).isEqualTo("officer-a");
        assertThat(signIns.authenticate(officer.token())).map(Principal::userId).contains(officer.principal().userId());
        var admin = signIns.signIn("admin-a", "pw-admin-a", "192.0.2.1");
        // Someone else's token is not the caller's to revoke.
        signIns.signOut(admin.principal(), officer.token());
        assertThat(signIns.authenticate(officer.token())).isPresent();
        signIns.signOut(officer.principal(), officer.token());
        assertThat(signIns.authenticate(officer.token())).isEmpty();
        assertThat(signIns.authenticate(admin.token())).isPresent();
    }

    @Test
    void wrongCredentialsAreRefusedAlikeAndRepeatedFailuresAreThrottled() throws SQLException {
        assertThatThrownBy(() -> signIns.signIn("admin-a", "wrong", "192.0.2.1")).isInstanceOf(SignInRefusedException.class)
                .extracting(e -> ((SignInRefusedException) e).reason()).isEqualTo(SignInRefusedException.Reason.INVALID_CREDENTIALS);
        assertThatThrownBy(() -> signIns.signIn("nobody", "wrong", "192.0.2.1")).isInstanceOf(SignInRefusedException.class)
                .extracting(e -> ((SignInRefusedException) e).reason()).isEqualTo(SignInRefusedException.Reason.INVALID_CREDENTIALS);
        assertThatThrownBy(() -> signIns.signIn("admin-a", null, "192.0.2.1")).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("password");
        assertThatThrownBy(() -> signIns.signIn(" ", "x", "192.0.2.1")).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("username");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> signIns.signIn("locked-out", "guess", "192.0.2.66")).isInstanceOf(SignInRefusedException.class);
        }
        assertThatThrownBy(() -> signIns.signIn("locked-out", "pw-locked-out", "192.0.2.66")).isInstanceOf(SignInRefusedException.class)
                .satisfies(e -> {
                    SignInRefusedException r = (SignInRefusedException) e;
                    assertThat(r.reason()).isEqualTo(SignInRefusedException.Reason.THROTTLED);
                    assertThat(r.retryAfter()).isPositive();
                });
        // The guesses came from one address: the real user elsewhere is not held up.
        assertThat(signIns.signIn("locked-out", "pw-locked-out", "192.0.2.7").principal().username()).isEqualTo("locked-out");
    }

    // ---- helpers ----

    /**
     * One test per caller and place: a role outside {@code roles} is refused (403) wherever the object is,
     * even when it does not exist; an allowed role gets "not found" (404) for a place it does not see and for
     * a missing object, in the same words; else the call goes through.
     */
    private static Stream<DynamicTest> rule(String method, Set<Role> roles, Call call) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Caller c : callers) {
            for (Place at : Place.values()) {
                Executable run = () -> call.run(c.who(), at);
                tests.add(DynamicTest.dynamicTest(method + " by " + c + " on " + at, () -> {
                    if (!roles.contains(c.who().role())) {
                        assertThatThrownBy(run::execute).isInstanceOf(ForbiddenException.class);
                    } else if (at == Place.MISSING || !c.sees().contains(at)) {
                        assertThatThrownBy(run::execute).isInstanceOf(NotFoundException.class)
                                .hasMessageMatching("(centre|camera|sensor|mask request) \\d+ not found");
                    } else {
                        assertThatCode(run::execute).doesNotThrowAnyException();
                    }
                }));
            }
        }
        return tests.stream();
    }

    private static Principal principal(String username) throws SQLException {
        return new UserRepository(store.dataSource()).credentials(username).orElseThrow().principal();
    }

    private static CameraInput cameraInput(Integer version) {
        return new CameraInput("cam " + unique.incrementAndGet(), version == null ? "axis" : null, version == null ? "10.0.0.1" : null,
                null, null, null, null, null, null, null, null, false, null, version);
    }

    /** A new device named under the centre's code, as registration requires. */
    private static SensorInput sensorInput(Place at) {
        return new SensorInput("door", "z2m-door-contact", at.name() + ".door-" + unique.incrementAndGet(), null, null, null);
    }

    private static CentreInput centreInput(Long district) {
        int n = unique.incrementAndGet();
        return new CentreInput(district, "N" + n, "New " + n, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
