package org.carewatch.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.demo.DemoAccount;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The officer's rotation in a real headless Chromium against one running node with the demo's data (today drawn,
 * a round sampled from the demo's RTSP cameras): the officer signs in, lands on /patrol, and works through three
 * visits with the keyboard alone (Enter, frame keys, the snapshot key, n for normal, a category key, the counts
 * with the ratio flag appearing as they are typed, Ctrl+Enter); the centre's staff, whose /centre page is open in
 * another window, see the finding arrive without a reload. /patrol and the visit page in both languages, with
 * screenshots at 1280x720 under {@code target/screenshots/}. The officer's window is on {@code localhost} and the
 * centre's on {@code 127.0.0.1}, so each keeps its own session cookie in the one browser.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfficerBrowserIT {
    static TestDatabase db;
    static CareWatchApp app;
    static Http api;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static String officerBase;
    static String centreBase;
    static List<DemoAccount> accounts;
    static final String OFFICER = "officer1";
    static List<JsonNode> queue = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        db = TestDatabase.create();
        Path dataDir = Files.createTempDirectory("cw-officer-browser");
        app = CareWatchApp.start(TestApp.config(db, dataDir, TestBroker.url()), true);
        app.demoPatrol().get(3, TimeUnit.MINUTES);
        accounts = app.demoAccounts();
        api = new Http(app.httpPort());
        officerBase = "http://localhost:" + app.httpPort();
        centreBase = "http://127.0.0.1:" + app.httpPort();
        String officer = api.token(OFFICER, password(OFFICER));
        var q = api.get("/api/v1/patrols/queue", officer);
        assertThat(q.status()).as(q.body()).isEqualTo(200);
        q.json().get("visits").forEach(queue::add);
        assertThat(queue).as("the demo gives the officer visits today").hasSizeGreaterThanOrEqualTo(3);
        // The centre of the second visit registers an infants' class (its staff, through the API): the counts need one.
        long centre = queue.get(1).get("centreId").asLong();
        String staff = facilityOf(centre);
        var cls = api.post("/api/v1/centres/" + centre + "/classes", api.token(staff, password(staff)),
                "{\"name\":\"Infants\",\"ageGroup\":\"under_12_months\",\"enrolled\":8,\"carers\":3}");
        assertThat(cls.status()).as(cls.body()).isIn(200, 201);
        driver = Browser.start(Files.createTempDirectory("cw-chromium"));
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
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
    }

    static String password(String username) {
        return accounts.stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow().password();
    }

    /** The demo's staff account of a centre: {@code facility-<code>}. */
    static String facilityOf(long centreId) {
        String admin = api.token("admin", password("admin"));
        String code = api.get("/api/v1/centres/" + centreId, admin).json().get("code").asText();
        return "facility-" + code.toLowerCase(Locale.ROOT);
    }

    static void signIn(String base, String username) {
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password(username), Keys.ENTER);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    static void keys(CharSequence... k) {
        new Actions(driver).sendKeys(k).perform();
    }

    static JavascriptExecutor js() {
        return driver;
    }

    static long visitOnScreen() {
        String url = driver.getCurrentUrl();
        Matcher m = java.util.regex.Pattern.compile("/patrol/visits/(\\d+)").matcher(url);
        assertThat(m.find()).as(url).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    @Order(1)
    void theOfficerWorksThroughThreeVisitsWithTheKeyboardAndTheCentreSeesTheFindingAtOnce() {
        long findingCentre = queue.get(1).get("centreId").asLong();
        String staff = facilityOf(findingCentre);
        // The centre's page is open in one window...
        signIn(centreBase, staff);
        assertThat(driver.getCurrentUrl()).isEqualTo(centreBase + "/centre");
        js().executeScript("window.cwSamePage = 'yes';");
        wait.until(d -> "open".equals(js().executeScript("return document.body.dataset.live;")));
        String centreWindow = driver.getWindowHandle();

        // ...the officer works in another.
        driver.switchTo().newWindow(WindowType.WINDOW);
        Browser.viewport(driver, 1280, 720);
        signIn(officerBase, OFFICER);
        assertThat(driver.getCurrentUrl()).isEqualTo(officerBase + "/patrol");
        assertThat(driver.findElement(By.id("progress-text")).getText()).contains("0 of " + queue.size());
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("next-visit");
        Browser.screenshot(driver, "patrol-en");
        keys(Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/patrol/visits/"));
        assertThat(visitOnScreen()).isEqualTo(queue.get(0).get("visitId").asLong());

        // Visit 1: its frames (if the sampled round is this one), full size with 1, a fresh snapshot with s; then normal.
        List<WebElement> tiles = driver.findElements(By.cssSelector("[data-frame-link]"));
        if (!tiles.isEmpty()) {
            wait.until(d -> (Boolean) js().executeScript(
                    "return [...document.querySelectorAll('#frame-grid img')].every(i => i.complete && i.naturalWidth > 0);"));
            assertThat(((Number) js().executeScript("return document.querySelector('#frame-grid img').naturalWidth;")).intValue())
                    .as("a thumbnail, not the full frame").isLessThanOrEqualTo(320);
            keys("1");
            WebElement viewer = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("frame-viewer")));
            wait.until(d -> ((Number) js().executeScript("return document.getElementById('viewer-image').naturalWidth;")).intValue() > 320);
            Browser.screenshot(driver, "patrol-frame-en");
            keys("s");
            wait.until(d -> !"loading".equals(js().executeScript("return document.getElementById('viewer-image').dataset.snapshot;")));
            assertThat(js().executeScript("return document.getElementById('viewer-image').dataset.snapshot;")).isEqualTo("shown");
            keys(Keys.ESCAPE);
            wait.until(ExpectedConditions.invisibilityOf(viewer));
            // l: the selected camera live, this visit as the purpose, listed under ?.
            keys("?");
            WebElement shortcuts = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shortcuts")));
            assertThat(shortcuts.getText()).contains("Live view of the selected camera");
            keys(Keys.ESCAPE);
            wait.until(ExpectedConditions.invisibilityOf(shortcuts));
            String visitUrl = driver.getCurrentUrl();
            keys("l");
            wait.until(ExpectedConditions.urlContains("/live/cameras/"));
            assertThat(driver.getCurrentUrl()).contains("visit=" + queue.get(0).get("visitId").asLong());
            assertThat(driver.findElement(By.id("live-purpose")).getAttribute("value"))
                    .isEqualTo("Patrol visit #" + queue.get(0).get("visitId").asLong());
            driver.get(visitUrl);
            wait.until(d -> visitOnScreen() == queue.get(0).get("visitId").asLong());
        }
        Browser.screenshot(driver, "patrol-visit-en");
        keys("?");
        WebElement help = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shortcuts")));
        assertThat(help.getText()).contains("Verdict: normal", "Finding: Adult-child ratio");
        keys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOf(help));
        keys("n");

        // Visit 2 opens by itself: a ratio finding, typed from the keyboard.
        wait.until(d -> visitOnScreen() == queue.get(1).get("visitId").asLong());
        assertThat(driver.findElement(By.id("verdict-recorded")).getText()).contains("Verdict recorded");
        keys("r");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("finding-note");
        String note = "Infant room: one carer with five babies " + System.nanoTime();
        keys(note);
        int picks = driver.findElements(By.cssSelector("[data-frame-pick]")).size();
        for (int i = 0; i <= picks; i++) {
            keys(Keys.TAB);
        }
        assertThat(driver.switchTo().activeElement().getAttribute("name")).isEqualTo("adults");
        keys("1", Keys.TAB, "5");
        WebElement flag = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("output [data-flag='ratio']")));
        assertThat(flag.getText()).contains("1:3");
        Browser.screenshot(driver, "patrol-finding-en");
        keys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        // Visit 3 opens by itself; normal.
        wait.until(d -> visitOnScreen() == queue.get(2).get("visitId").asLong());
        keys("n");
        wait.until(d -> !d.getCurrentUrl().contains("/patrol/visits/" + queue.get(2).get("visitId").asLong()));

        String token = api.token(OFFICER, password(OFFICER));
        JsonNode recorded = api.get("/api/v1/patrols/visits/" + queue.get(1).get("visitId").asLong(), token).json();
        JsonNode finding = recorded.get("verdict").get("findings").get(0);
        assertThat(finding.get("category").asText()).isEqualTo("adult_child_ratio");
        assertThat(finding.get("note").asText()).isEqualTo(note);
        assertThat(finding.get("counts").get(0).get("ratioFlag").asBoolean()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/v1/patrols/visits/" + queue.get(i).get("visitId").asLong(), token).json().get("status").asText())
                    .isEqualTo("reviewed");
        }
        driver.get(officerBase + "/patrol");
        assertThat(driver.findElement(By.id("progress-text")).getText()).contains("3 of " + queue.size());

        // The centre's window got the finding without a reload.
        driver.switchTo().window(centreWindow);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("centre-queue"), note.substring(0, 30)));
        assertThat(js().executeScript("return window.cwSamePage;")).as("no reload").isEqualTo("yes");
        Browser.screenshot(driver, "patrol-finding-at-centre-en");
    }

    @Test
    @Order(2)
    void patrolAndTheVisitPageInBothLanguages() {
        long visit = queue.get(queue.size() > 3 ? 3 : 0).get("visitId").asLong();
        for (String lang : new String[] {"en", "zh"}) {
            driver.manage().deleteAllCookies();
            signIn(officerBase, OFFICER);
            if (lang.equals("zh")) {
                driver.get(officerBase + "/lang/zh?back=/patrol");
            }
            check("patrol-home", lang);
            driver.get(officerBase + "/patrol/visits/" + visit);
            check("patrol-visit", lang);
            assertThat(((Number) js().executeScript("return document.documentElement.scrollWidth - window.innerWidth;")).intValue())
                    .as("fits 1280 wide").isLessThanOrEqualTo(0);
        }
    }

    private static void check(String name, String lang) {
        assertThat(js().executeScript("return document.documentElement.lang;")).as(name).isEqualTo(lang.equals("zh") ? "zh-CN" : "en");
        String text = driver.findElement(By.tagName("body")).getText();
        List<String> raw = new ArrayList<>();
        Matcher m = ConsoleBrowserIT.RAW_KEY.matcher(text);
        while (m.find()) {
            raw.add(m.group());
        }
        assertThat(raw).as("message keys without text on %s (%s)", name, lang).isEmpty();
        if (lang.equals("zh")) {
            assertThat(text).as(name).containsPattern("\\p{IsHan}");
        }
        // Every form control has a label (its own, a wrapping one or aria-label).
        Object unlabelled = js().executeScript("return [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name || e.id);");
        assertThat((List<?>) unlabelled).as("controls without a label on %s", name).isEmpty();
        Browser.screenshot(driver, name + "-" + lang);
    }
}
