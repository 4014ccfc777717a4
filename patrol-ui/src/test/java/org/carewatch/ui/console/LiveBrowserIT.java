package org.carewatch.ui.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.carewatch.ingest.media.Codec;
import org.carewatch.tools.clip.ClipGenerationException;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code /live/cameras/{id}} in a real headless Chromium against one node holding simulated RTSP cameras (H.264,
 * 1 s GOP): after the purpose is given the video element plays and its time advances for several seconds; the
 * first-picture time (click to first decoded picture) is written to {@code target/live-first-picture.json};
 * the session is in the access log; a masked camera and an H.265 camera show masked snapshots and say why; the
 * live metrics are exported.
 */
class LiveBrowserIT {
    static TestDatabase db;
    static CameraSimulator sim;
    static CameraSimulator hevcSim;
    static CareWatchApp app;
    static Http api;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static String base;
    static long camera;
    static long masked;
    static long centre;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        sim = CameraSimulator.start(SimulatorOptions.defaults(2).withClipCacheDir(Path.of("target", "test-clips")));
        db = TestDatabase.create();
        app = CareWatchApp.start(TestApp.config(db, Files.createTempDirectory("cw-live"), TestBroker.url()), false);
        api = new Http(app.httpPort());
        base = "http://127.0.0.1:" + app.httpPort();
        var data = new TestData(app.store().dataSource());
        long district = data.district("LB");
        centre = data.centre(district, "LB1");
        data.user("lb-officer", "pw-officer", Role.OFFICER, district);
        data.user("lb-admin", "pw-admin", Role.ADMIN, district);
        String admin = api.token("lb-admin", "pw-admin");
        camera = register(admin, centre, sim.port(), "/cam/1", "[]");
        masked = register(admin, centre, sim.port(), "/cam/2", "[{\"x\":0,\"y\":0,\"w\":0.5,\"h\":0.5}]");
        String officer = api.token("lb-officer", "pw-officer");
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of(camera, masked).stream().allMatch(id -> {
            var h = api.get("/api/v1/cameras/" + id + "/health", officer).json();
            return "streaming".equals(h.get("state").asText()) && h.get("width").asInt() > 0;
        }));
        driver = Browser.start(Files.createTempDirectory("cw-chromium"));
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    static long register(String admin, long centre, int port, String path, String masks) {
        var r = api.post("/api/v1/centres/" + centre + "/cameras", admin, """
                {"name":"room %s%s","profileId":"generic-rtsp","host":"127.0.0.1","port":%d,"path":"%s","held":true,"privacyMasks":%s}"""
                .formatted(path, port == sim.port() ? "" : " (" + port + ")", port, path, masks));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (hevcSim != null) {
            hevcSim.close();
        }
    }

    static void signIn() {
        driver.get(base + "/login");
        Browser.viewport(driver, 1280, 720);
        driver.manage().deleteAllCookies();
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys("lb-officer");
        driver.findElement(By.id("password")).sendKeys("pw-officer", Keys.ENTER);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    static double number(String script) {
        Object v = ((JavascriptExecutor) driver).executeScript(script);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    @Test
    void aCameraPlaysLiveAndAMaskedCameraShowsMaskedSnapshots() throws Exception {
        signIn();

        driver.get(base + "/live/cameras/" + camera);
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("room /cam/1");
        driver.findElement(By.id("live-purpose")).sendKeys("nap check", Keys.ENTER);
        wait.until(d -> number("return document.getElementById('live-video').currentTime") > 0.2);
        double start = number("return document.getElementById('live-video').currentTime");
        Thread.sleep(6000);
        double end = number("return document.getElementById('live-video').currentTime");
        assertThat(end - start).as("video time advanced over 6 s of wall time").isGreaterThan(4.0);
        double firstPictureMs = number("return Number(document.getElementById('live-video').dataset.firstPictureMs)");
        assertThat(firstPictureMs).isPositive();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "live-first-picture.json"),
                "{\"firstPictureMs\":" + Math.round(firstPictureMs) + ",\"advancedSeconds\":" + (end - start) + "}\n",
                StandardCharsets.UTF_8);
        try (var c = app.store().connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT username, purpose FROM access_log WHERE action = 'live' AND object_id = " + camera)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("username")).isEqualTo("lb-officer");
            assertThat(rs.getString("purpose")).isEqualTo("nap check");
        }

        driver.get(base + "/live/cameras/" + masked);
        assertThat(driver.findElement(By.id("live-message")).getText()).contains("privacy masks");
        driver.findElement(By.id("live-purpose")).sendKeys("nap check", Keys.ENTER);
        wait.until(d -> number("var i = document.getElementById('live-snapshot'); return i.hidden ? 0 : i.naturalWidth") > 0);
        assertThat(number("return document.getElementById('live-video').hidden ? 1 : 0")).isEqualTo(1);
        String metrics = api.get("/metrics", null).body();
        assertThat(metrics).contains("carewatch_live_sessions_total", "carewatch_live_bytes_sent_bytes_total",
                "carewatch_live_viewers", "carewatch_live_dropped_to_keyframe_total");
    }

    @Test
    void anH265CameraShowsTheMessageAndMaskedSnapshots() throws Exception {
        try {
            hevcSim = CameraSimulator.start(SimulatorOptions.defaults(1).withCodec(Codec.H265).withClipCacheDir(Path.of("target", "test-clips")));
        } catch (ClipGenerationException e) {
            Assumptions.abort("H.265 live-page check skipped: " + e.getMessage());
        }
        long hevc = register(api.token("lb-admin", "pw-admin"), centre, hevcSim.port(), "/cam/1", "[]");
        String officer = api.token("lb-officer", "pw-officer");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/cameras/" + hevc + "/health", officer).json()
                .get("width").asInt() > 0);
        signIn();
        // H.265 is not remuxed (and this Chromium has no HEVC decoder): the page says so and shows masked snapshots.
        driver.get(base + "/live/cameras/" + hevc);
        assertThat(driver.findElement(By.id("live-message")).getText()).contains("H.265");
        driver.findElement(By.id("live-purpose")).sendKeys("nap check", Keys.ENTER);
        wait.until(d -> number("var i = document.getElementById('live-snapshot'); return i.hidden ? 0 : i.naturalWidth") > 0);
        assertThat(number("return document.getElementById('live-video').hidden ? 1 : 0")).isEqualTo(1);
    }
}
