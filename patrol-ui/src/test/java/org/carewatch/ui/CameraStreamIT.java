package org.carewatch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.carewatch.ingest.rtsp.Credentials;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cameras registered through the API, served by the simulator over real RTSP: held streams report
 * health, snapshots are masked JPEGs and every one is in the access log; faults give clear errors.
 */
class CameraStreamIT {
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CameraSimulator sim;
    static CareWatchApp app;
    static Http http;
    static long centre;
    static String facility;
    static String officer;

    @BeforeAll
    static void start() throws Exception {
        sim = CameraSimulator.start(SimulatorOptions.defaults(4).withClipCacheDir(Path.of("target", "test-clips"))
                .withCredentials(new Credentials("viewer", "s3cret:/@")));
        db = TestDatabase.create();
        app = TestApp.start(db, dataDir);
        http = new Http(app.httpPort());
        var data = new TestData(app.store().dataSource());
        long district = data.district("S");
        centre = data.centre(district, "S1");
        data.user("s-facility", "pw-f", Role.FACILITY, centre);
        data.user("s-officer", "pw-o", Role.OFFICER, district);
        data.user("s-admin", "pw-a", Role.ADMIN, district);
        facility = http.token("s-facility", "pw-f");
        officer = http.token("s-officer", "pw-o");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        db.close();
        sim.close();
    }

    static long register(String path, String password, boolean held, String masks) {
        // Registered by an administrator: masks set by the centre's own staff wait for the district's approval.
        var r = http.post("/api/v1/centres/" + centre + "/cameras", adminToken(), """
                {"name":"cam %s","profileId":"generic-rtsp","host":"127.0.0.1","port":%d,"path":"%s",
                 "username":"viewer","password":"%s","held":%s,"privacyMasks":%s}""".formatted(path, sim.port(), path, password, held, masks));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static HttpResponse<byte[]> snapshot(long id, String query) throws Exception {
        // The district's live-view policy is 'purpose' (the default): every snapshot states one.
        query = query.contains("purpose=") ? query : (query.isEmpty() ? "?" : query + "&") + "purpose=test";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort()
                + "/api/v1/cameras/" + id + "/snapshot.jpg" + query)).header("Authorization", "Bearer " + officer)
                .header("Accept-Language", "en").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void heldCameraStreamsAndGivesMaskedSnapshotsThatAreLogged() throws Exception {
        long id = register("/cam/1", "s3cret:/@", true, "[{\"x\":0,\"y\":0,\"w\":0.5,\"h\":0.5}]");
        // Streaming first; resolution once the first keyframe's SPS has been parsed.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var h = http.get("/api/v1/cameras/" + id + "/health", officer).json();
            return "streaming".equals(h.get("state").asText()) && h.get("width").asInt() > 0;
        });
        var health = http.get("/api/v1/cameras/" + id + "/health", officer).json();
        assertThat(health.get("codec").asText()).isEqualTo("H264");
        assertThat(health.get("width").asInt()).isEqualTo(640);
        assertThat(health.get("height").asInt()).isEqualTo(360);

        var r = snapshot(id, "?purpose=nap%20check");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("image/jpeg");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(meanLuma(img, 0, 0, 300, 160)).as("masked quarter").isLessThan(8);
        assertThat(meanLuma(img, 340, 200, 300, 160)).as("unmasked quarter").isGreaterThan(20);

        try (var c = app.store().connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT username, purpose FROM access_log WHERE object_id = " + id)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("s-officer");
            assertThat(rs.getString(2)).isEqualTo("nap check");
        }
        try (var c = app.store().connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM stream_events WHERE camera_id = " + id + " AND state = 'streaming'")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(1);
        }
        assertThat(snapshot(id, "?width=200").statusCode()).isEqualTo(200);

        // The periodic frame-quality round decodes the cached keyframe: a moving, lit scene raises no fault.
        assertThat(app.checkFramesNow()).isGreaterThanOrEqualTo(1);
        // With the camera sending no keyframes its cached one stays: checked at most once more (if it arrived
        // since), then never again, however often the round runs. (Every streaming camera of this class is
        // served as /cam/1, so a round that checks nothing proves it for all of them.)
        sim.faults(1).noKeyframes(true);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> app.checkFramesNow() == 0);
            assertThat(app.checkFramesNow()).as("the same cached keyframe is not checked twice").isZero();
            assertThat(app.checkFramesNow()).isZero();
        } finally {
            sim.faults(1).noKeyframes(false);
        }
        // A new keyframe is checked again.
        await().atMost(Duration.ofSeconds(5)).until(() -> app.checkFramesNow() >= 1);
        assertThat(http.get("/api/v1/alerts?source=camera", adminToken()).json().get("items").size()).isZero();

        // Auditors see the views of their district and the chain verifies.
        String admin = adminToken();
        var log = http.get("/api/v1/audit/access?centre=" + centre, admin).json();
        assertThat(log.get("items").findValuesAsText("purpose")).contains("nap check");
        assertThat(http.get("/api/v1/audit/verify", admin).json().get("intact").asBoolean()).isTrue();
        assertThat(http.get("/api/v1/audit/access", officer).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/audit/access?from=yesterday", admin).json().get("field").asText()).isEqualTo("from");
        assertThat(snapshot(id, "?width=huge").statusCode()).isEqualTo(400);
    }

    @Test
    void aCentreSwitchedToOnDemandReleasesItsStreams() throws Exception {
        long id = register("/cam/1", "s3cret:/@", true, "[]");
        await().atMost(Duration.ofSeconds(20)).until(() -> "streaming".equals(http.get("/api/v1/cameras/" + id + "/health", officer)
                .json().get("state").asText()));
        String admin = adminToken();
        int version = http.get("/api/v1/centres/" + centre, admin).json().get("version").asInt();
        assertThat(http.patch("/api/v1/centres/" + centre, admin, "{\"holdCameras\":false,\"version\":" + version + "}").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/cameras/" + id + "/health", officer).json().get("state").asText()).isEqualTo("on_demand");
        assertThat(snapshot(id, "").statusCode()).isEqualTo(200);
        version = http.get("/api/v1/centres/" + centre, admin).json().get("version").asInt();
        http.patch("/api/v1/centres/" + centre, admin, "{\"holdCameras\":true,\"version\":" + version + "}");
        await().atMost(Duration.ofSeconds(20)).until(() -> "streaming".equals(http.get("/api/v1/cameras/" + id + "/health", officer)
                .json().get("state").asText()));
    }

    private static String adminToken() {
        return http.token("s-admin", "pw-a");
    }

    @Test
    void cameraNotHeldIsSampledOnDemand() throws Exception {
        long id = register("/cam/2", "s3cret:/@", false, "[]");
        assertThat(http.get("/api/v1/cameras/" + id + "/health", officer).json().get("state").asText()).isEqualTo("on_demand");
        var r = snapshot(id, "");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new ByteArrayInputStream(r.body())).getHeight()).isEqualTo(360);
    }

    @Test
    void wrongPasswordAndMissingStreamGiveClearErrors() throws Exception {
        long wrong = register("/cam/3", "wrong", false, "[]");
        var r = snapshot(wrong, "");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(new String(r.body())).contains("camera_unavailable").contains("auth failed");
        long missing = register("/cam/99", "s3cret:/@", false, "[]");
        var m = snapshot(missing, "");
        assertThat(new String(m.body())).contains("not found");
        long heldWrong = register("/cam/4", "wrong", true, "[]");
        await().atMost(Duration.ofSeconds(20)).until(() -> "auth_failed".equals(http.get("/api/v1/cameras/" + heldWrong + "/health", officer)
                .json().get("state").asText()));
    }

    private static double meanLuma(BufferedImage img, int x0, int y0, int w, int h) {
        long sum = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int rgb = img.getRGB(x, y);
                sum += ((rgb >> 16 & 0xff) * 299 + (rgb >> 8 & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
            }
        }
        return (double) sum / (w * h);
    }
}
