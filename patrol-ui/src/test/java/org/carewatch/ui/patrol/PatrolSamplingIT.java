package org.carewatch.ui.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import javax.imageio.ImageIO;
import org.carewatch.alerts.history.AlertHistory;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertKinds;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;
import org.carewatch.ingest.rtsp.Credentials;
import org.carewatch.patrol.PatrolServices;
import org.carewatch.patrol.frames.FrameRepository;
import org.carewatch.patrol.frames.FrameSampler;
import org.carewatch.patrol.frames.PatrolFrame;
import org.carewatch.patrol.roster.RosterPatch;
import org.carewatch.patrol.rules.RulesRepository;
import org.carewatch.patrol.schedule.PatrolScheduler;
import org.carewatch.patrol.schedule.SampleMoment;
import org.carewatch.core.districts.DistrictRepository;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patrol sampling on a whole node against the camera simulator over real RTSP: one row per active camera of the
 * round's centre, a held and an on-demand camera both give masked JPEGs on disk (black under the mask), a broken
 * camera gives a row with a problem key that both languages explain; the frame route serves district roles and
 * logs each view, and refuses facility staff and other districts with 404; the purge deletes old frames but keeps
 * one a suspected-abuse alert protects until that alert is closed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PatrolSamplingIT {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.now(SHANGHAI);
    /** The left half, top half of the picture. */
    static final String MASK = "[{\"x\":0,\"y\":0,\"w\":0.5,\"h\":0.5}]";

    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CameraSimulator sim;
    static CareWatchApp app;
    static Http http;
    static long district;
    static long centre;
    static long heldCam;
    static long coldCam;
    static long brokenCam;
    static long inactiveCam;
    static Principal admin;
    static Principal officer;
    static String officerToken;
    static String auditorToken;
    static String facilityToken;
    static String otherDistrictToken;
    static FrameSampler.Result result;
    static Map<Long, PatrolFrame> byCamera = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        sim = CameraSimulator.start(SimulatorOptions.defaults(3).withClipCacheDir(Path.of("target", "test-clips"))
                .withCredentials(new Credentials("viewer", "pw")));
        db = TestDatabase.create();
        app = TestApp.start(db, dataDir);
        http = new Http(app.httpPort());
        TestData data = new TestData(app.store().dataSource());
        district = data.district("P");
        long otherDistrict = data.district("Q");
        centre = data.centre(district, "P1");
        try (var c = app.store().connection(); var st = c.createStatement()) {
            st.execute("UPDATE centres SET open_days = '{1,2,3,4,5,6,7}'");
        }
        UserRepository users = new UserRepository(app.store().dataSource());
        admin = users.find(data.user("p-admin", "pw-admin", Role.ADMIN, district)).orElseThrow();
        officer = users.find(data.user("p-officer", "pw-officer", Role.OFFICER, district)).orElseThrow();
        data.user("p-auditor", "pw-auditor", Role.AUDITOR, district);
        data.user("p-facility", "pw-facility", Role.FACILITY, centre);
        data.user("q-officer", "pw-q", Role.OFFICER, otherDistrict);
        officerToken = http.token("p-officer", "pw-officer");
        auditorToken = http.token("p-auditor", "pw-auditor");
        facilityToken = http.token("p-facility", "pw-facility");
        otherDistrictToken = http.token("q-officer", "pw-q");
        String adminToken = http.token("p-admin", "pw-admin");

        heldCam = register(adminToken, "/cam/1", true, MASK);
        coldCam = register(adminToken, "/cam/2", false, MASK);
        brokenCam = register(adminToken, "/cam/99", false, "[]");
        inactiveCam = register(adminToken, "/cam/3", false, "[]");
        try (var c = app.store().connection(); var st = c.createStatement()) {
            st.execute("UPDATE cameras SET active = false WHERE id = " + inactiveCam);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> app.fleet().cachedKeyframe(heldCam).isPresent());

        // Today's plan, with the officer on duty whatever the weekday.
        PatrolServices patrol = PatrolServices.create(app.store().dataSource(), new AlertHistory(app.store().dataSource(), SHANGHAI),
                "Asia/Shanghai", Clock.systemUTC());
        patrol.rosters().update(admin, officer.userId(), new RosterPatch(List.of(1, 2, 3, 4, 5, 6, 7), null, null, 0));
        patrol.rotations().draw(admin, TODAY, null);
        result = app.patrolScheduler().sample(district, TODAY, 0).orElseThrow();
        for (PatrolFrame f : new FrameRepository(app.store().dataSource()).forCentreRound(district, TODAY, 0, centre)) {
            byCamera.put(f.cameraId(), f);
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    static long register(String adminToken, String path, boolean held, String masks) {
        var r = http.post("/api/v1/centres/" + centre + "/cameras", adminToken, """
                {"name":"cam %s","profileId":"generic-rtsp","host":"127.0.0.1","port":%d,"path":"%s",
                 "username":"viewer","password":"pw","held":%s,"privacyMasks":%s}""".formatted(path, sim.port(), path, held, masks));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    @Order(1)
    void everyActiveCameraOfTheRoundsCentreHasOneRow() {
        assertThat(result.centres()).isEqualTo(1);
        assertThat(result.cameras()).isEqualTo(3);
        assertThat(result.frames()).isEqualTo(2);
        assertThat(result.problems()).isEqualTo(1);
        assertThat(byCamera.keySet()).containsExactlyInAnyOrder(heldCam, coldCam, brokenCam);
        // A second sampling of the same round is refused by the schedule (the round is sampled).
        assertThat(app.patrolScheduler().sample(district, TODAY, 0)).isEmpty();
    }

    @Test
    @Order(2)
    void heldAndOnDemandCamerasGiveMaskedJpegsOnDiskWithTheirQuality() throws Exception {
        for (long cam : List.of(heldCam, coldCam)) {
            PatrolFrame f = byCamera.get(cam);
            assertThat(f.problem()).isNull();
            assertThat(f.takenAt()).isNotNull();
            assertThat(f.width()).isEqualTo(640);
            assertThat(f.height()).isEqualTo(360);
            assertThat(f.quality()).startsWith("{\"ok\":").contains("\"problems\":[");
            Path file = fileOf(f.id());
            assertThat(dataDir.resolve("patrol-frames").relativize(file).toString())
                    .startsWith(String.format("%04d/%02d/%02d/district-%d/", TODAY.getYear(), TODAY.getMonthValue(), TODAY.getDayOfMonth(), district));
            byte[] jpeg = Files.readAllBytes(file);
            assertThat(f.bytes()).isEqualTo(jpeg.length);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(img.getWidth()).isEqualTo(640);
            // The mask (left half of the top half) is black on disk; the rest of the picture is not.
            assertThat(meanBrightest(img, 4, 4, 312, 172)).as("masked area of camera %d", cam).isLessThan(3.0);
            assertThat(meanBrightest(img, 330, 190, 300, 160)).as("unmasked area of camera %d", cam).isGreaterThan(20.0);
        }
        try (var c = app.store().connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM access_log WHERE action = 'snapshot' AND username = 'system:patrol-sampling' AND purpose = 'patrol' "
                     + "AND object_id IN (" + heldCam + "," + coldCam + ")")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the taking is logged with the patrol purpose").isEqualTo(2);
        }
    }

    @Test
    @Order(3)
    void aBrokenCameraGivesARowWithAProblemBothLanguagesExplain() throws Exception {
        PatrolFrame f = byCamera.get(brokenCam);
        assertThat(f.takenAt()).isNull();
        assertThat(f.bytes()).isZero();
        assertThat(f.problem()).isEqualTo("patrol.frame.problem.not_found");
        for (Locale l : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            ResourceBundle b = ResourceBundle.getBundle("org.carewatch.ui.i18n.messages", l,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            assertThat(b.getString(f.problem())).isNotBlank();
        }
        assertThat(frame(f.id(), officerToken).statusCode()).as("no picture to show").isEqualTo(404);
    }

    @Test
    @Order(4)
    void districtRolesSeeAFrameAndEachViewIsLoggedOthersGet404() throws Exception {
        long id = byCamera.get(heldCam).id();
        for (String token : List.of(officerToken, auditorToken)) {
            HttpResponse<byte[]> r = frame(id, token);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("image/jpeg");
            assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("private").contains("immutable");
            assertThat(r.body()).isEqualTo(Files.readAllBytes(fileOf(id)));
        }
        try (var c = app.store().connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT username, purpose, centre_id FROM access_log WHERE action = 'frame' AND object_type = 'patrol-frame' "
                     + "AND object_id = " + id + " ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("p-officer");
            assertThat(rs.getString(2)).isEqualTo("patrol");
            assertThat(rs.getLong(3)).isEqualTo(centre);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("p-auditor");
            assertThat(rs.next()).isFalse();
        }
        assertThat(frame(id, facilityToken).statusCode()).as("facility staff never see patrol material").isEqualTo(404);
        assertThat(frame(id, otherDistrictToken).statusCode()).as("another district").isEqualTo(404);
        assertThat(frame(987_654_321L, officerToken).statusCode()).isEqualTo(404);
        assertThat(frame(id, null).statusCode()).isEqualTo(401);
        var bad = get("/api/v1/patrols/frames/abc.jpg", officerToken);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new String(bad.body())).contains("frameId");
        try (var c = app.store().connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM access_log WHERE object_type = 'patrol-frame'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("refused requests leave no row").isEqualTo(2);
        }
    }

    @Test
    @Order(5)
    void thePurgeDeletesOldFramesButKeepsOneAnOpenAlertProtectsUntilItIsClosed() throws Exception {
        long kept = byCamera.get(heldCam).id();
        long gone = byCamera.get(coldCam).id();
        Path keptFile = fileOf(kept);
        Path goneFile = fileOf(gone);
        var alerts = app.alertService();
        Alert abuse = alerts.recordFinding(officer, centre, AlertKinds.SUSPECTED_ABUSE, null, null, "frames kept");
        FrameRepository repo = new FrameRepository(app.store().dataSource());
        repo.protect(List.of(kept), abuse.id());
        try (var c = app.store().connection(); var st = c.createStatement()) {
            // Older than the retention (30 days by default).
            st.execute("UPDATE patrol_frames SET created_at = now() - interval '40 days' WHERE district_id = " + district);
        }
        app.patrolScheduler().purgeNow();
        assertThat(Files.exists(goneFile)).isFalse();
        assertThat(repo.find(gone).orElseThrow().purgedAt()).isNotNull();
        assertThat(Files.exists(keptFile)).as("protected by an open alert").isTrue();
        assertThat(repo.find(kept).orElseThrow().purgedAt()).isNull();
        assertThat(frame(gone, officerToken).statusCode()).isEqualTo(404);
        assertThat(frame(kept, officerToken).statusCode()).isEqualTo(200);

        // The district closes the alert (answered, re-checked, closed): the next purge takes the frame.
        alerts.answer(admin, abuse.id(), "handled", null, null);
        alerts.resolve(admin, abuse.id(), "checked");
        app.patrolScheduler().purgeNow();
        assertThat(Files.exists(keptFile)).as("kept while the alert is only resolved").isTrue();
        alerts.close(admin, abuse.id(), "closed");
        app.patrolScheduler().purgeNow();
        assertThat(Files.exists(keptFile)).isFalse();
        assertThat(repo.find(kept).orElseThrow().purgedAt()).isNotNull();
    }

    @Test
    @Order(6)
    void theScheduleSamplesARoundWhoseMomentHasPassedAndDrawsTomorrowAfterDrawAt() throws Exception {
        var ds = app.store().dataSource();
        LocalDate tomorrow = TODAY.plusDays(1);
        // 16:30 in the district: arrival and nap are over, pick-up (16:00-17:30) is on and its moment has passed.
        PatrolScheduler afternoon = scheduler(TODAY.atTime(16, 30));
        try {
            afternoon.tick();
            FrameRepository repo = new FrameRepository(ds);
            await().atMost(Duration.ofSeconds(60)).until(() -> repo.forCentreRound(district, TODAY, 2, centre).size() == 3);
            assertThat(repo.forCentreRound(district, TODAY, 2, centre)).filteredOn(f -> f.problem() == null).hasSize(2);
            assertThat(afternoon.drawNextDayIfDue(district)).as("before drawAt").isFalse();
        } finally {
            afternoon.close();
        }
        PatrolScheduler evening = scheduler(TODAY.atTime(18, 30));
        try {
            assertThat(evening.drawNextDayIfDue(district)).isTrue();
            assertThat(evening.drawNextDayIfDue(district)).as("drawn once").isFalse();
            PatrolServices patrol = PatrolServices.create(ds, new AlertHistory(ds, SHANGHAI), "Asia/Shanghai", Clock.systemUTC());
            assertThat(patrol.rotations().view(admin, tomorrow).rounds()).isNotEmpty();
        } finally {
            evening.close();
        }
    }

    @Test
    void samplingMomentsFallInsideTheLeadBeforeTheRound() {
        SampleMoment moments = new SampleMoment(new java.security.SecureRandom());
        java.time.Instant start = java.time.Instant.parse("2026-03-02T00:00:00Z");
        java.util.Set<java.time.Instant> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            java.time.Instant at = moments.before(start, 20);
            assertThat(at).isBetween(start.minusSeconds(20 * 60), start.minusMillis(1));
            seen.add(at);
        }
        assertThat(seen).as("not a fixed moment").hasSizeGreaterThan(900);
        assertThat(moments.before(start, 0)).isEqualTo(start);
    }

    static PatrolScheduler scheduler(java.time.LocalDateTime localNow) {
        var ds = app.store().dataSource();
        Clock clock = Clock.fixed(localNow.atZone(SHANGHAI).toInstant(), SHANGHAI);
        PatrolServices patrol = PatrolServices.create(ds, new AlertHistory(ds, SHANGHAI), "Asia/Shanghai", clock);
        return new PatrolScheduler(new DistrictRepository(ds), new RulesRepository(ds, "Asia/Shanghai"), patrol.rotations(),
                patrol.rotationRepository(), app.patrolSampler(), app.patrolPurge(), java.time.LocalTime.of(18, 0), clock);
    }

    static Path fileOf(long frameId) throws Exception {
        try (var c = app.store().connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT file_path FROM patrol_frames WHERE id = " + frameId)) {
            assertThat(rs.next()).isTrue();
            return dataDir.resolve("patrol-frames").resolve(rs.getString(1));
        }
    }

    static HttpResponse<byte[]> frame(long id, String token) throws Exception {
        return get("/api/v1/patrols/frames/" + id + ".jpg", token);
    }

    static HttpResponse<byte[]> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .header("Accept-Language", "en").timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Mean of each pixel's brightest channel over a rectangle (0 = black). */
    static double meanBrightest(BufferedImage img, int x0, int y0, int w, int h) {
        long sum = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int p = img.getRGB(x, y);
                sum += Math.max(p >> 16 & 0xff, Math.max(p >> 8 & 0xff, p & 0xff));
            }
        }
        return (double) sum / ((long) w * h);
    }
}
