package org.carewatch.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.carewatch.alerts.engine.SensorReading;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.demo.DemoAccount;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium against one running node with the demo's data: each role lands on
 * its home; a finding recorded through the API appears on the centre's page without a reload, the centre
 * answers with a note and a photo, the officer sees both and resolves it from the keyboard; a critical alert
 * pushed while a page is open appears without a reload, with the badge; the alert list works from the keyboard
 * alone; every page in both languages (no message key without its text), with screenshots at 1280x720 under
 * {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    /** A message key that lost its text shows as the key itself, e.g. {@code alerts.filter.kind}. */
    static final Pattern RAW_KEY = Pattern.compile("(?<![\\w./:-])[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+(?![\\w/(-])");

    static TestDatabase db;
    static CareWatchApp app;
    static Http api;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static String base;
    static List<DemoAccount> accounts;
    static String facility;
    static long facilityCentre;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        db = TestDatabase.create();
        Path dataDir = Files.createTempDirectory("cw-browser");
        app = CareWatchApp.start(TestApp.config(db, dataDir, TestBroker.url()), true);
        accounts = app.demoAccounts();
        api = new Http(app.httpPort());
        base = "http://127.0.0.1:" + app.httpPort();
        facility = accounts.stream().filter(a -> a.role().equals("facility")).findFirst().orElseThrow().username();
        JsonNode own = api.get("/api/v1/centres", api.token(facility, password(facility))).json().get("items");
        assertThat(own).hasSize(1);
        facilityCentre = own.get(0).get("id").asLong();
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

    @BeforeEach
    void freshBrowser() {
        driver.get(base + "/login");
        Browser.viewport(driver, 1280, 720);
        driver.manage().deleteAllCookies();
    }

    static String password(String username) {
        return accounts.stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow().password();
    }

    static void signIn(String username) {
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password(username), Keys.ENTER);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    static void signOut() {
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    static void keys(CharSequence... k) {
        new Actions(driver).sendKeys(k).perform();
    }

    static JavascriptExecutor js() {
        return driver;
    }

    /** Marks the loaded page; the mark survives only as long as the page is not reloaded. */
    static void markPage() {
        js().executeScript("window.cwSamePage = 'yes';");
        wait.until(d -> "open".equals(js().executeScript("return document.body.dataset.live;")));
    }

    static boolean samePage() {
        return "yes".equals(js().executeScript("return window.cwSamePage;"));
    }

    static long finding(String text, String severity) {
        String officer = api.token("officer1", password("officer1"));
        return api.post("/api/v1/alerts", officer, "{\"centreId\":" + facilityCentre + ",\"kind\":\"patrol-finding\",\"severity\":\"" + severity
                + "\",\"text\":\"" + text + "\"}").json().get("id").asLong();
    }

    @Test
    @Order(1)
    void eachRoleLandsOnItsHome() {
        String[][] expected = {{facility, "/centre"}, {"officer1", "/patrol"}, {"auditor", "/alerts"}, {"admin", "/alerts"}};
        for (String[] e : expected) {
            signIn(e[0]);
            assertThat(driver.getCurrentUrl()).as(e[0]).isEqualTo(base + e[1]);
            assertThat(driver.findElement(By.cssSelector("li.who")).getText()).isNotBlank();
            signOut();
        }
        driver.get(base + "/");
        assertThat(driver.getCurrentUrl()).isEqualTo(base + "/login");
    }

    @Test
    @Order(2)
    void theCentreSeesAFindingAtOnceAnswersWithAPhotoAndTheOfficerResolvesIt() throws Exception {
        signIn(facility);
        assertThat(driver.getCurrentUrl()).endsWith("/centre");
        markPage();
        long id = finding("Nap room: one carer for 9 children", "major");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#centre-queue tr[data-id='" + id + "']")));
        assertThat(samePage()).as("the finding arrived without a reload").isTrue();
        assertThat(row.getText()).contains("Patrol finding");
        Browser.screenshot(driver, "centre-en");

        row.findElement(By.cssSelector("a[data-row-link]")).click();
        wait.until(ExpectedConditions.urlContains("/alerts/" + id));
        assertThat(driver.findElement(By.cssSelector("blockquote.finding")).getText()).contains("one carer for 9 children");
        driver.findElement(By.id("answer-text")).sendKeys("A second carer now stays in the nap room.");
        driver.findElement(By.id("answer-photos")).sendKeys(photo().toAbsolutePath().toString());
        driver.findElement(By.cssSelector("form#answer button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "Answer sent"));
        assertThat(driver.findElement(By.id("alert-state")).getText()).isEqualTo("Answered");
        assertThat(driver.findElements(By.cssSelector("form#answer"))).isNotEmpty(); // may add to the answer until re-checked
        Browser.screenshot(driver, "alert-answered-facility-en");
        signOut();

        signIn("officer1");
        driver.get(base + "/alerts/" + id);
        WebElement timeline = driver.findElement(By.cssSelector("ol.timeline"));
        assertThat(timeline.getText()).contains("A second carer now stays in the nap room.", "answered");
        WebElement img = timeline.findElement(By.cssSelector(".photos img"));
        wait.until(d -> ((Number) js().executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", img)).intValue() == 160);
        Browser.screenshot(driver, "alert-detail-officer-en");
        // Printed, the alert keeps its facts and timeline and drops the header, the forms and the live notices.
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", "print"));
        assertThat(driver.findElement(By.cssSelector("header.site")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("alert-actions")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.cssSelector("ol.timeline")).isDisplayed()).isTrue();
        Browser.screenshot(driver, "alert-detail-print-en");
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", ""));
        // Re-checked and resolved from the keyboard.
        keys("r");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "Resolved"));
        assertThat(driver.findElement(By.id("alert-state")).getText()).isEqualTo("Resolved");
        assertThat(api.get("/api/v1/alerts/" + id, api.token("officer1", password("officer1"))).json().get("state").asText()).isEqualTo("resolved");
    }

    @Test
    @Order(3)
    void aCriticalAlertAppearsWithoutAReloadWithTheBadge() throws Exception {
        signIn("officer1");
        driver.get(base + "/alerts");
        markPage();
        assertThat(driver.findElement(By.id("critical-badge")).isDisplayed()).isFalse();
        long sensor = smokeSensor();
        app.alertEngine().onReading(new SensorReading(facilityCentre, sensor, "z2m-smoke", "smoke", 1, Instant.now()));
        WebElement badge = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("critical-badge")));
        assertThat(badge.getText()).contains("1");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#alert-list tr.sev-critical")));
        assertThat(row.getText()).contains("Smoke detected", "Critical");
        assertThat(driver.findElement(By.id("live-notices")).getText()).contains("Smoke detected");
        assertThat(badge.getAttribute("data-sounds")).as("the alarm sound played").isEqualTo("1");
        assertThat(samePage()).isTrue();
        Browser.screenshot(driver, "alerts-critical-en");
    }

    @Test
    @Order(4)
    void theAlertListWorksFromTheKeyboardAlone() {
        finding("Kitchen door unlocked", "minor");
        long newest = finding("Fire exit blocked by a pram", "major");
        signIn("officer1");
        driver.get(base + "/alerts");
        List<WebElement> links = driver.findElements(By.cssSelector("#alert-list [data-row-link]"));
        assertThat(links.size()).isGreaterThanOrEqualTo(3);
        keys("j");
        assertThat(driver.switchTo().activeElement().getAttribute("href")).isEqualTo(links.get(0).getAttribute("href"));
        keys("j", "j", "k");
        assertThat(driver.switchTo().activeElement().getAttribute("href")).isEqualTo(links.get(1).getAttribute("href"));
        keys("k", Keys.ENTER);
        wait.until(ExpectedConditions.urlToBe(base + "/alerts/" + newest));

        keys("?");
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shortcuts")));
        assertThat(dialog.getText()).contains("Show this list", "Acknowledge", "Add comment");
        Browser.screenshot(driver, "shortcuts-en");
        keys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOf(dialog));

        keys("m");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("comment-text");
        keys("Seen on the morning patrol", Keys.ESCAPE);
        keys("a");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "Acknowledged"));
        assertThat(driver.findElement(By.id("alert-state")).getText()).isEqualTo("Acknowledged");
        keys("u");
        wait.until(ExpectedConditions.urlToBe(base + "/alerts"));
    }

    @Test
    @Order(5)
    void everyPageInBothLanguages() {
        long id = finding("Window latch broken", "minor");
        for (String lang : new String[] {"en", "zh"}) {
            driver.manage().deleteAllCookies();
            driver.get(base + "/login");
            if (lang.equals("zh")) {
                driver.findElement(By.cssSelector("[data-lang-switch]")).click();
                wait.until(d -> "zh-CN".equals(js().executeScript("return document.documentElement.lang;")));
            }
            checkPage("login", lang, "h1");
            signIn("officer1");
            driver.get(base + "/alerts");
            checkPage("alerts", lang, "h1");
            driver.get(base + "/alerts/" + id);
            checkPage("alert-detail", lang, "h1");
            keys("?");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shortcuts")));
            checkPage("shortcuts", lang, "#shortcuts h2");
            keys(Keys.ESCAPE);
            driver.get(base + "/alerts/999999999");
            checkPage("not-found", lang, "h1");
            // A tablet: the list still fits the width (the table scrolls inside its box, the page does not).
            Browser.viewport(driver, 768, 1024);
            driver.get(base + "/alerts");
            assertThat(((Number) js().executeScript("return document.documentElement.scrollWidth - window.innerWidth;")).intValue())
                    .isLessThanOrEqualTo(0);
            Browser.screenshot(driver, "alerts-tablet-" + lang);
            Browser.viewport(driver, 1280, 720);
            signOut();
            signIn(facility);
            checkPage("centre", lang, "h1");
            driver.get(base + "/alerts/" + id);
            checkPage("alert-detail-facility", lang, "h1");
            signOut();
        }
    }

    private static void checkPage(String name, String lang, String headingSelector) {
        assertThat(js().executeScript("return document.documentElement.lang;")).as(name).isEqualTo(lang.equals("zh") ? "zh-CN" : "en");
        String text = driver.findElement(By.tagName("body")).getText();
        List<String> raw = new ArrayList<>();
        Matcher m = RAW_KEY.matcher(text);
        while (m.find()) {
            raw.add(m.group());
        }
        assertThat(raw).as("message keys without text on %s (%s)", name, lang).isEmpty();
        String heading = driver.findElement(By.cssSelector(headingSelector)).getText();
        assertThat(heading).as(name).isNotBlank();
        String nav = driver.findElements(By.cssSelector("header.site")).isEmpty() ? "" : driver.findElement(By.cssSelector("header.site")).getText();
        if (lang.equals("zh")) {
            assertThat(text).as(name).containsPattern("\\p{IsHan}");
            assertThat(nav).as(name).contains("English");
        } else {
            assertThat(nav).as(name).contains("中文");
        }
        Browser.screenshot(driver, name + "-" + lang);
    }

    private static long smokeSensor() {
        String admin = api.token("admin", password("admin"));
        for (JsonNode s : api.get("/api/v1/centres/" + facilityCentre + "/sensors", admin).json().get("items")) {
            if (s.get("profileId").asText().equals("z2m-smoke")) {
                return s.get("id").asLong();
            }
        }
        throw new AssertionError("the demo centre has no smoke sensor");
    }

    /** A generated 160 x 120 PNG, the photo of the rectification. */
    private static Path photo() throws Exception {
        BufferedImage img = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 140, 90));
        g.fillRect(0, 0, 160, 120);
        g.setColor(Color.WHITE);
        g.drawString("carer present", 30, 60);
        g.dispose();
        Path p = Files.createTempFile("rectification", ".png");
        ImageIO.write(img, "png", p.toFile());
        return p;
    }
}
