package org.carewatch.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carewatch.core.audit.AccessLog;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraChangeListener;
import org.carewatch.core.cameras.CameraChanges;
import org.carewatch.core.cameras.CameraHistory;
import org.carewatch.core.cameras.CameraInput;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.core.cameras.CameraService;
import org.carewatch.core.cameras.MaskRect;
import org.carewatch.core.centres.CentreChanges;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.districts.DistrictRepository;
import org.carewatch.core.districts.LiveViewDisabledException;
import org.carewatch.core.districts.LiveViewService;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.outbound.OutboundPolicy;
import org.carewatch.core.security.CredentialCipher;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.ingest.fleet.CameraFleet;
import org.carewatch.ingest.frames.Viewing;
import org.carewatch.ingest.health.StreamEventWriter;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live view through the service, end to end: cameras in a real PostgreSQL, served over real RTSP by the
 * simulator, held by the fleet. The district's policy (purpose required, disabled), scope, masks and the viewer
 * limit are enforced; a session is logged as {@code live} before video flows; viewers share one feed.
 */
class LiveServiceIT {
    private static final int LIMIT = 2;

    @TempDir
    static Path dir;
    static TestDatabase db;
    static Store store;
    static IngestEventLoop simLoop;
    static CameraSimulator sim;
    static IngestEventLoop loop;
    static StreamEventWriter events;
    static CameraFleet fleet;
    static CameraRepository cameras;
    static LiveService live;
    static long district;
    static long centre;
    static Principal officer;
    static Principal otherCentreStaff;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        store = Store.open(ConfigLoader.defaults().store(), db.jdbcUrl(), db.user(), db.password(), null);
        TestData data = new TestData(store.dataSource());
        district = data.district("L");
        centre = data.centre(district, "L1");
        long otherCentre = data.centre(district, "L2");
        long officerId = data.user("l-officer", "pw", Role.OFFICER, district);
        long staffId = data.user("l2-staff", "pw", Role.FACILITY, otherCentre);
        officer = new Principal(officerId, "l-officer", "Officer", Role.OFFICER, district, null, "en");
        otherCentreStaff = new Principal(staffId, "l2-staff", "Staff", Role.FACILITY, null, otherCentre, "en");

        simLoop = IngestEventLoop.create("live-sim", 1);
        sim = CameraSimulator.start(SimulatorOptions.defaults(2).withClip(TestClips.shortSpec(Codec.H264)),
                TestClips.shortClip(Codec.H264), simLoop);
        cameras = new CameraRepository(store.dataSource(), CredentialCipher.fromKeyFile(dir.resolve("credential.key")),
                ProfileCatalog.builtIn());
        loop = IngestEventLoop.create("live-ingest", 1);
        events = new StreamEventWriter(store.dataSource());
        var outboundCfg = ConfigLoader.defaults().outbound();
        OutboundPolicy outbound = new OutboundPolicy(outboundCfg.withCameras(outboundCfg.cameras().withAllowLoopback(true)));
        fleet = new CameraFleet(cameras, loop, events, id -> true, new SimpleMeterRegistry(), outbound);
        CameraService cameraService = new CameraService(cameras, new CameraHistory(store.dataSource()),
                new CentreService(new CentreRepository(store.dataSource()), CentreChanges.NONE), CameraChanges.NONE,
                CameraChangeListener.NONE, new CameraService.Rules(outbound,
                new LiveViewService(new DistrictRepository(store.dataSource())), ZoneOffset.UTC, Clock.systemUTC()));
        live = new LiveService(fleet, cameraService, new AccessLog(store.dataSource()), Clock.systemUTC(), LIMIT,
                new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (events != null) {
            events.close();
        }
        if (loop != null) {
            loop.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (simLoop != null) {
            simLoop.close();
        }
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static final class Collecting implements LiveViewer {
        final List<byte[]> got = new CopyOnWriteArrayList<>();

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void send(byte[] segment) {
            got.add(segment);
        }

        long fragments() {
            return got.stream().filter(b -> new String(b, 4, 4, StandardCharsets.US_ASCII).equals("moof")).count();
        }
    }

    static Camera register(int simCamera, List<MaskRect> masks) throws Exception {
        Camera c = cameras.create(centre, new CameraInput("cam " + simCamera, "generic-rtsp", "127.0.0.1", sim.port(), null, null,
                "/cam/" + simCamera, null, null, null, masks, true, true, null));
        fleet.refresh(c.id());
        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.cachedKeyframe(c.id()).isPresent());
        return c;
    }

    static void policy(String p) throws SQLException {
        try (var c = store.connection(); var ps = c.prepareStatement("UPDATE districts SET live_view_policy = ? WHERE id = ?")) {
            ps.setString(1, p);
            ps.setLong(2, district);
            ps.executeUpdate();
        }
    }

    static int liveRows(long cameraId) throws SQLException {
        try (var c = store.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM access_log WHERE action = 'live' AND object_id = " + cameraId)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void policyScopeMasksAndTheViewerLimitAreEnforcedAndSessionsAreLogged() throws Exception {
        Camera cam = register(1, List.of());
        Camera masked = register(2, List.of(new MaskRect(0.1, 0.1, 0.2, 0.2)));

        policy("purpose");
        assertThatThrownBy(() -> live.open(officer, cam.id(), new Viewing("", "10.0.0.1"), new Collecting()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("purpose");
        policy("disabled");
        assertThatThrownBy(() -> live.open(officer, cam.id(), new Viewing("check", "10.0.0.1"), new Collecting()))
                .isInstanceOf(LiveViewDisabledException.class);
        policy("purpose");
        assertThatThrownBy(() -> live.open(otherCentreStaff, cam.id(), new Viewing("check", "10.0.0.1"), new Collecting()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> live.open(officer, masked.id(), new Viewing("check", "10.0.0.1"), new Collecting()))
                .isInstanceOf(LiveRefusedException.class)
                .satisfies(e -> assertThat(((LiveRefusedException) e).reason()).isEqualTo(LiveRefusedException.Reason.MASKED));
        assertThat(liveRows(cam.id())).isZero();
        assertThat(liveRows(masked.id())).isZero();

        Collecting a = new Collecting();
        Collecting b = new Collecting();
        LiveSession sa = live.open(officer, cam.id(), new Viewing("nap check", "10.0.0.1"), a);
        LiveSession sb = live.open(officer, cam.id(), new Viewing("nap check", "10.0.0.2"), b);
        assertThat(sa.mimeType()).matches("video/mp4; codecs=\"avc1\\.[0-9a-f]{6}\"");
        assertThat(a.got).as("init segment and the cached keyframe at once").hasSizeGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> live.open(officer, cam.id(), new Viewing("nap check", "10.0.0.3"), new Collecting()))
                .isInstanceOf(LiveRefusedException.class)
                .satisfies(e -> assertThat(((LiveRefusedException) e).reason()).isEqualTo(LiveRefusedException.Reason.VIEWER_LIMIT));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.fragments() > 30 && b.fragments() > 30);
        assertThat(live.viewersOf(cam.id())).isEqualTo(2);
        assertThat(liveRows(cam.id())).isEqualTo(2);
        try (var c = store.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT username, purpose, client FROM access_log WHERE action = 'live' AND object_id = "
                     + cam.id() + " ORDER BY id")) {
            rs.next();
            assertThat(rs.getString("username")).isEqualTo("l-officer");
            assertThat(rs.getString("purpose")).isEqualTo("nap check");
            assertThat(rs.getString("client")).isEqualTo("10.0.0.1");
        }

        sa.close();
        sa.close();
        assertThat(live.viewersOf(cam.id())).isEqualTo(1);
        LiveSession sc = live.open(officer, cam.id(), new Viewing("nap check", "10.0.0.3"), new Collecting());
        sb.close();
        sc.close();
        assertThat(live.viewersOf(cam.id())).isZero();
        long after = a.fragments();
        Thread.sleep(300);
        assertThat(a.fragments()).as("a closed session gets nothing more").isEqualTo(after);
        // Each of the three sessions: a start row, and an end row with its duration.
        await().atMost(Duration.ofSeconds(5)).until(() -> liveRows(cam.id()) == 6);
        try (var c = store.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT client, duration_ms FROM access_log WHERE action = 'live' AND object_id = "
                     + cam.id() + " AND duration_ms IS NOT NULL AND client = '10.0.0.1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("duration_ms")).as("session a lasted over a second").isGreaterThan(1000);
        }
        assertThat(new AccessLog(store.dataSource()).verify().intact()).isTrue();
    }
}
