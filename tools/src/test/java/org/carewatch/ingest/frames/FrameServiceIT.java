package org.carewatch.ingest.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.carewatch.core.audit.AccessLog;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraInput;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.core.cameras.MaskRect;
import org.carewatch.core.cameras.CameraChangeListener;
import org.carewatch.core.cameras.CameraChanges;
import org.carewatch.core.cameras.CameraHistory;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.districts.DistrictRepository;
import org.carewatch.core.districts.LiveViewService;
import org.carewatch.core.outbound.OutboundPolicy;
import java.time.ZoneOffset;
import org.carewatch.core.cameras.CameraService;
import org.carewatch.core.centres.CentreChanges;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.security.CredentialCipher;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.ingest.fleet.CameraFleet;
import org.carewatch.ingest.health.StreamEventWriter;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.snapshot.DecodeRequest;
import org.carewatch.ingest.snapshot.DecodedPicture;
import org.carewatch.ingest.snapshot.SnapshotDecoder;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frame service end to end: cameras registered in a real PostgreSQL, served over real RTSP by the
 * simulator, held by the fleet or sampled on demand. A masked camera's frame is black exactly in the mask
 * area (decoded pixels compared with an unmasked decode of the same keyframe), each view is in the access
 * log with who, what, when, purpose and client, a caller outside the camera's scope gets 404 and leaves no
 * row, and the automated-check path masks too but logs nothing.
 */
class FrameServiceIT {
    /** 160..480 x 144..288 of 640x360, and one with edges inside pixels (462..591 x 36..90). */
    static final List<MaskRect> MASKS = List.of(new MaskRect(0.25, 0.4, 0.5, 0.4), new MaskRect(0.7234, 0.1, 0.2, 0.15));

    @TempDir
    static Path dir;
    static TestDatabase db;
    static Store store;
    static IngestEventLoop simLoop;
    static CameraSimulator sim;
    static IngestEventLoop loop;
    static StreamEventWriter events;
    static CameraFleet fleet;
    static SnapshotDecoder decoder;
    static FrameService frames;
    static CameraRepository cameras;
    static long centre;
    static Principal officer;
    static Principal otherCentreStaff;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        store = Store.open(ConfigLoader.defaults().store(), db.jdbcUrl(), db.user(), db.password(), null);
        TestData data = new TestData(store.dataSource());
        long district = data.district("F");
        centre = data.centre(district, "F1");
        long otherCentre = data.centre(district, "F2");
        long officerId = data.user("f-officer", "pw", Role.OFFICER, district);
        long staffId = data.user("f2-staff", "pw", Role.FACILITY, otherCentre);
        officer = new Principal(officerId, "f-officer", "Officer", Role.OFFICER, district, null, "en");
        otherCentreStaff = new Principal(staffId, "f2-staff", "Staff", Role.FACILITY, null, otherCentre, "en");

        simLoop = IngestEventLoop.create("frames-sim", 1);
        sim = CameraSimulator.start(SimulatorOptions.defaults(2).withClip(TestClips.shortSpec(Codec.H264)),
                TestClips.shortClip(Codec.H264), simLoop);
        cameras = new CameraRepository(store.dataSource(), CredentialCipher.fromKeyFile(dir.resolve("credential.key")),
                ProfileCatalog.builtIn());
        loop = IngestEventLoop.create("frames-ingest", 1);
        events = new StreamEventWriter(store.dataSource());
        // The simulator is on loopback, which production refuses for cameras.
        var outboundCfg = ConfigLoader.defaults().outbound();
        OutboundPolicy outbound = new OutboundPolicy(outboundCfg.withCameras(outboundCfg.cameras().withAllowLoopback(true)));
        fleet = new CameraFleet(cameras, loop, events, id -> true, new SimpleMeterRegistry(), outbound);
        decoder = new SnapshotDecoder();
        frames = new FrameService(fleet, cameras, new CameraService(cameras, new CameraHistory(store.dataSource()),
                new CentreService(new CentreRepository(store.dataSource()), CentreChanges.NONE), CameraChanges.NONE, CameraChangeListener.NONE,
                new CameraService.Rules(outbound, new LiveViewService(new DistrictRepository(store.dataSource())), ZoneOffset.UTC, Clock.systemUTC())), decoder,
                new AccessLog(store.dataSource()), Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (decoder != null) {
            decoder.close();
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

    static Camera register(int simCamera, boolean held, List<MaskRect> masks) throws SQLException {
        Camera c = cameras.create(centre, new CameraInput("cam " + simCamera, "generic-rtsp", "127.0.0.1", sim.port(), null, null,
                "/cam/" + simCamera, null, null, null, masks, held, true, null));
        fleet.refresh(c.id());
        return c;
    }

    @Test
    void aMaskedCamerasFrameIsBlackExactlyInTheMaskAreaAndTheViewIsLogged() throws Exception {
        Camera cam = register(1, true, MASKS);
        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.cachedKeyframe(cam.id()).isPresent());
        long rowsBefore = rows(cam.id());

        // The frame and an unmasked decode of the very keyframe it was made from (retried if a newer keyframe
        // arrived in between; every attempt is a logged view).
        Viewing viewing = new Viewing("privacy check", "10.0.0.7");
        int[] views = {0};
        CameraFrame<?>[] frame = new CameraFrame<?>[1];
        DecodedPicture<?>[] plain = new DecodedPicture<?>[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            views[0]++;
            CameraFrame<Void> f = frames.frame(officer, cam.id(), viewing, FrameRequest.ofJpeg(OptionalInt.empty()).withPicture())
                    .get(30, TimeUnit.SECONDS);
            Keyframe kf = fleet.cachedKeyframe(cam.id()).orElseThrow();
            if (!kf.arrival().equals(f.capturedAt())) {
                return false;
            }
            frame[0] = f;
            plain[0] = decoder.decode(kf, new DecodeRequest<>(OptionalInt.empty(), List.of(), true, true, null)).get(30, TimeUnit.SECONDS);
            return true;
        });
        CameraFrame<?> f = frame[0];
        assertThat(f.cameraId()).isEqualTo(cam.id());
        assertThat(f.centreId()).isEqualTo(centre);
        assertThat(f.width()).isEqualTo(640);
        assertThat(f.height()).isEqualTo(360);
        assertMaskedExactly(f.picture(), plain[0].picture());
        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(f.jpeg()));
        assertThat(jpeg.getWidth()).isEqualTo(640);
        assertThat(meanBrightest(jpeg)).as("the JPEG is black under the masks").isLessThan(2.0);

        assertThat(rows(cam.id())).isEqualTo(rowsBefore + views[0]);
        try (Connection c = store.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT user_id, username, role, action, object_type, centre_id, purpose, client, time "
                     + "FROM access_log WHERE object_id = " + cam.id() + " ORDER BY id DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("user_id")).isEqualTo(officer.userId());
            assertThat(rs.getString("username")).isEqualTo("f-officer");
            assertThat(rs.getString("role")).isEqualTo("officer");
            assertThat(rs.getString("action")).isEqualTo("snapshot");
            assertThat(rs.getString("object_type")).isEqualTo("camera");
            assertThat(rs.getLong("centre_id")).isEqualTo(centre);
            assertThat(rs.getString("purpose")).isEqualTo("privacy check");
            assertThat(rs.getString("client")).isEqualTo("10.0.0.7");
            assertThat(rs.getTimestamp("time").toInstant()).isAfterOrEqualTo(f.capturedAt().minusSeconds(1));
        }
        assertThat(new AccessLog(store.dataSource()).verify().intact()).isTrue();

        // The automated checks get the same masked picture, and no one is recorded as having looked.
        long rowsNow = rows(cam.id());
        CameraFrame<Long> inspected = frames.inspectCached(cam.id(), FrameRequest.ofPicture().withCheck(FrameServiceIT::blackPixels))
                .orElseThrow().get(30, TimeUnit.SECONDS);
        assertThat(inspected.checked()).as("the check ran on the masked picture").isGreaterThanOrEqualTo(maskedArea(640, 360));
        assertMaskedOnly(inspected.picture());
        assertThat(rows(cam.id())).isEqualTo(rowsNow);
        assertThatThrownBy(() -> frames.inspectCached(cam.id(), FrameRequest.ofJpeg(OptionalInt.empty())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCameraSampledOnDemandIsMaskedAndScaledToo() throws Exception {
        Camera cam = register(2, false, MASKS);
        long before = rows(cam.id());
        byte[] jpeg = frames.snapshot(officer, cam.id(), new Viewing("check the masks", ""), OptionalInt.of(320)).get(30, TimeUnit.SECONDS);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(img.getWidth()).isEqualTo(320);
        assertThat(img.getHeight()).isEqualTo(180);
        assertThat(meanBrightest(img)).isLessThan(2.0);
        assertThat(rows(cam.id())).isEqualTo(before + 1);
    }

    @Test
    void aCallerOutsideTheCamerasScopeGets404AndNoRow() throws Exception {
        Camera cam = register(1, false, List.of());
        assertThatThrownBy(() -> frames.snapshot(otherCentreStaff, cam.id(), new Viewing("look", ""), OptionalInt.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> frames.snapshot(officer, 987_654_321L, new Viewing("look", ""), OptionalInt.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThat(rows(cam.id())).isZero();
    }

    private static long rows(long cameraId) throws SQLException {
        try (Connection c = store.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM access_log WHERE object_id = " + cameraId)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The pixels a mask covers, computed here rather than by the code under test: edges rounded outwards. */
    private static boolean masked(int x, int y, int w, int h) {
        for (MaskRect m : MASKS) {
            if (x >= (int) Math.floor(m.x() * w + 1e-9) && x < (int) Math.ceil((m.x() + m.w()) * w - 1e-9)
                    && y >= (int) Math.floor(m.y() * h + 1e-9) && y < (int) Math.ceil((m.y() + m.h()) * h - 1e-9)) {
                return true;
            }
        }
        return false;
    }

    private static long maskedArea(int w, int h) {
        long n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                n += masked(x, y, w, h) ? 1 : 0;
            }
        }
        return n;
    }

    private static long blackPixels(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == 0 ? 1 : 0;
            }
        }
        return n;
    }

    /** Black on every masked pixel; every other pixel as the unmasked decode has it; something was hidden. */
    private static void assertMaskedExactly(BufferedImage masked, BufferedImage plain) {
        int w = plain.getWidth();
        int h = plain.getHeight();
        long hidden = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int m = masked.getRGB(x, y) & 0xFFFFFF;
                int p = plain.getRGB(x, y) & 0xFFFFFF;
                if (masked(x, y, w, h)) {
                    assertThat(m).as("masked pixel (%d,%d)", x, y).isZero();
                    hidden += p != 0 ? 1 : 0;
                } else {
                    assertThat(m).as("unmasked pixel (%d,%d)", x, y).isEqualTo(p);
                }
            }
        }
        assertThat(hidden).as("the masks hide something").isGreaterThan(maskedArea(w, h) / 2);
    }

    private static void assertMaskedOnly(BufferedImage img) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (masked(x, y, img.getWidth(), img.getHeight())) {
                    assertThat(img.getRGB(x, y) & 0xFFFFFF).as("masked pixel (%d,%d)", x, y).isZero();
                }
            }
        }
    }

    /** Mean of each pixel's brightest channel over the masked area (0 = black; JPEG leaves a little at the edges). */
    private static double meanBrightest(BufferedImage img) {
        long sum = 0;
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (masked(x, y, img.getWidth(), img.getHeight())) {
                    int p = img.getRGB(x, y);
                    sum += Math.max(p >> 16 & 0xff, Math.max(p >> 8 & 0xff, p & 0xff));
                    n++;
                }
            }
        }
        return (double) sum / n;
    }
}
