package org.carewatch.ui.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code /wall} in a real headless Chromium against one node: 8 cameras of a centre (7 simulated over RTSP, one
 * whose host refuses connections) in 4 tiles with a 3 s dwell: the tile set changes to the other 4 cameras, a
 * tile's video time advances, the broken camera's tile says why, the cameras that left the wall hold no viewer
 * slot; and who may open the wall (facility staff and auditors 403, another district's centre 404, bad values 400).
 */
class WallBrowserIT {
    static TestDatabase db;
    static CameraSimulator sim;
    static CareWatchApp app;
    static Http api;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static String base;
    static long centre;
    static long otherCentre;
    static long broken;
    static final List<Long> cameras = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        sim = CameraSimulator.start(SimulatorOptions.defaults(7).withClipCacheDir(Path.of("target", "test-clips")));
        db = TestDatabase.create();
        app = CareWatchApp.start(TestApp.config(db, Files.createTempDirectory("cw-wall"), TestBroker.url()), false);
        api = new Http(app.httpPort());
        base = "http://127.0.0.1:" + app.httpPort();
        var data = new TestData(app.store().dataSource());
        long district = data.district("WB");
        centre = data.centre(district, "WB1");
        long other = data.district("WX");
        otherCentre = data.centre(other, "WX1");
        long officerId = data.user("wb-officer", "pw-officer", Role.OFFICER, district);
        data.user("wb-admin", "pw-admin", Role.ADMIN, district);
        data.user("wb-auditor", "pw-auditor", Role.AUDITOR, district);
        data.user("wb-staff", "pw-staff", Role.FACILITY, centre);
        String admin = api.token("wb-admin", "pw-admin");
        for (int i = 1; i <= 7; i++) {
            cameras.add(register(admin, sim.port(), "/cam/" + i));
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        broken = register(admin, closedPort, "/cam/broken");
        cameras.add(broken);
        String officer = api.token("wb-officer", "pw-officer");
        await().atMost(Duration.ofSeconds(30)).until(() -> cameras.subList(0, 7).stream().allMatch(id ->
                "streaming".equals(api.get("/api/v1/cameras/" + id + "/health", officer).json().get("state").asText())));
        // Today's draw: the district's only officer patrols its only centre in every round, so the wall's default
        // list (the officer's current round) is that centre's cameras.
        try (var c = app.store().connection(); var st = c.createStatement()) {
            st.execute("UPDATE centres SET open_days = '{1,2,3,4,5,6,7}'");
        }
        var patched = api.patch("/api/v1/officers/" + officerId, admin, "{\"workingDays\":[1,2,3,4,5,6,7],\"version\":0}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        var drawn = api.post("/api/v1/rotations/" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) + "/draw", admin, "");
        assertThat(drawn.status()).as(drawn.body()).isEqualTo(200);
        driver = Browser.start(Files.createTempDirectory("cw-chromium"));
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    static long register(String admin, int port, String path) {
        var r = api.post("/api/v1/centres/" + centre + "/cameras", admin, """
                {"name":"wall %s","profileId":"generic-rtsp","host":"127.0.0.1","port":%d,"path":"%s","held":true,"privacyMasks":[]}"""
                .formatted(path, port, path));
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
    }

    static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    static double number(String script) {
        Object v = js(script);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    @SuppressWarnings("unchecked")
    static Set<Long> tileSet() {
        List<Object> ids = (List<Object>) js("return [...document.querySelectorAll('.wall-tile')].map(t => Number(t.dataset.camera))");
        Set<Long> out = new HashSet<>();
        ids.forEach(o -> out.add(((Number) o).longValue()));
        return out;
    }

    static double liveViewers() {
        Matcher m = Pattern.compile("(?m)^carewatch_live_viewers(?:\\{[^}]*})? ([0-9.]+)").matcher(api.get("/metrics", null).body());
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    void theWallCyclesThroughEightCamerasInFourTilesAndABrokenTileSaysWhy() throws Exception {
        driver.get(base + "/login");
        Browser.viewport(driver, 1280, 900);
        driver.manage().deleteAllCookies();
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys("wb-officer");
        driver.findElement(By.id("password")).sendKeys("pw-officer", Keys.ENTER);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));

        driver.get(base + "/wall?centre=" + centre + "&dwell=3");
        // The district asks a stated purpose (the default policy): the wall waits for it.
        assertThat(tileSet()).isEmpty();
        driver.findElement(By.id("wall-purpose")).sendKeys("rotation wall", Keys.ENTER);
        wait.until(d -> tileSet().size() == 4);
        Set<Long> first = tileSet();
        assertThat(first).containsExactlyInAnyOrderElementsOf(cameras.subList(0, 4));
        // After the dwell the other four cameras are shown.
        wait.until(d -> !tileSet().equals(first) && tileSet().size() == 4);
        Set<Long> second = tileSet();
        assertThat(second).containsExactlyInAnyOrderElementsOf(cameras.subList(4, 8));
        // Pause (space) to look at this page.
        driver.findElement(By.tagName("body")).sendKeys(" ");
        wait.until(d -> "true".equals(js("return document.getElementById('wall').dataset.paused")));
        int page = (int) number("return Number(document.getElementById('wall').dataset.page)");
        if (!tileSet().equals(second)) {
            // the page turned between the two reads: the pause holds whichever page is shown now
            driver.findElement(By.tagName("body")).sendKeys("n");
            wait.until(d -> tileSet().equals(second));
            page = 1;
        }
        assertThat(page).isEqualTo(1);

        String tile = "document.querySelector('.wall-tile[data-camera=\"%d\"]')";
        wait.until(d -> "failed".equals(js("return " + tile.formatted(broken) + ".dataset.state")));
        assertThat((String) js("return " + tile.formatted(broken) + ".querySelector('.tile-message').textContent"))
                .contains("not streaming");
        long playing = cameras.get(4);
        String time = "return " + tile.formatted(playing) + ".querySelector('video').currentTime";
        wait.until(d -> number(time) > 0.2);
        double t0 = number(time);
        Thread.sleep(3000);
        assertThat(number(time) - t0).as("a tile's video time advances").isGreaterThan(1.5);
        Thread.sleep(3500);
        assertThat(tileSet()).as("paused: the page stays").isEqualTo(second);
        // Only this page's three video tiles hold viewer slots: the first page's sockets were closed.
        await().atMost(Duration.ofSeconds(5)).until(() -> liveViewers() == 3.0);
        Browser.screenshot(driver, "wall-4-tiles");

        // n: the next page (the first again); 1: one tile.
        driver.findElement(By.tagName("body")).sendKeys("n");
        wait.until(d -> tileSet().equals(first));
        driver.findElement(By.tagName("body")).sendKeys("1");
        wait.until(d -> tileSet().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> liveViewers() == 1.0);
        try (var c = app.store().connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(DISTINCT object_id) FROM access_log WHERE action = 'live' AND purpose = 'rotation wall'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("each video camera shown was logged with the wall's purpose").isEqualTo(7);
        }
    }

    @Test
    void onlyOfficersAndAdministratorsOfTheDistrictOpenTheWall() {
        ConsoleClient staff = new ConsoleClient(app.httpPort());
        assertThat(staff.signIn("wb-staff", "pw-staff").status()).isEqualTo(303);
        assertThat(staff.get("/wall").status()).isEqualTo(403);
        assertThat(staff.get("/wall?centre=" + centre).status()).isEqualTo(403);
        ConsoleClient auditor = new ConsoleClient(app.httpPort());
        assertThat(auditor.signIn("wb-auditor", "pw-auditor").status()).isEqualTo(303);
        assertThat(auditor.get("/wall?centre=" + centre).status()).isEqualTo(403);

        ConsoleClient officer = new ConsoleClient(app.httpPort());
        assertThat(officer.signIn("wb-officer", "pw-officer").status()).isEqualTo(303);
        assertThat(officer.get("/wall?centre=" + otherCentre).status()).isEqualTo(404);
        ConsoleClient.Page badTiles = officer.get("/wall?centre=" + centre + "&tiles=5");
        assertThat(badTiles.status()).isEqualTo(400);
        assertThat(badTiles.body()).contains("tiles");
        assertThat(officer.get("/wall?centre=" + centre + "&dwell=abc").status()).isEqualTo(400);
        ConsoleClient.Page ok = officer.get("/wall?centre=" + centre);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).contains("id=\"wall-grid\"", "data-key=\"n\"", "data-key=\"f\"");
        // No centre given: the cameras of the centres in the officer's current round (here the one centre).
        String round = officer.get("/wall").body();
        assertThat(round).contains("id=\"wall-grid\"");
        for (long id : cameras) {
            assertThat(round).contains("&#34;id&#34;:" + id + ",");
        }

        // The visit page's l key opens /live/cameras/{id}?visit=N: that visit is the purpose (in the page's language, here Chinese), and the video starts at once.
        ConsoleClient.Page fromVisit = officer.get("/live/cameras/" + cameras.getFirst() + "?visit=42");
        assertThat(fromVisit.status()).isEqualTo(200);
        assertThat(fromVisit.body()).contains("value=\"巡查访视 #42\"", "data-autostart=\"true\"");
        assertThat(officer.get("/live/cameras/" + cameras.getFirst() + "?visit=abc").status()).isEqualTo(400);

        ConsoleClient admin = new ConsoleClient(app.httpPort());
        assertThat(admin.signIn("wb-admin", "pw-admin").status()).isEqualTo(303);
        assertThat(admin.get("/wall?centre=" + centre).status()).isEqualTo(200);
        // An administrator has no round: without a centre the wall says there is nothing to show.
        assertThat(admin.get("/wall").body()).contains("id=\"wall-message\"");
    }
}
