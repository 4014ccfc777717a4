package org.carewatch.ui.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The auditor's access log and the API page in a real headless Chromium against one node with the demo's data:
 * an officer takes two snapshots of demo cameras through the API (real RTSP simulators, a stated purpose); the
 * auditor signs in, opens /audit/access, filters by user and action, sees exactly those views with their purpose
 * and address, fetches the CSV from the page's own link and finds the same rows; the page in Chinese with every
 * label present, and printed without its filters. {@code /api/docs} renders the operations of our OpenAPI file
 * from the swagger-ui WebJar under the CSP (no inline script). Screenshots under {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditBrowserIT {
    static TestDatabase db;
    static CareWatchApp app;
    static Http api;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static String base;
    static List<DemoAccount> accounts;
    static final String PURPOSE = "audit test " + UUID.randomUUID().toString().substring(0, 8);
    static final List<Long> viewed = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        db = TestDatabase.create();
        Path dataDir = Files.createTempDirectory("cw-audit-browser");
        app = CareWatchApp.start(TestApp.config(db, dataDir, TestBroker.url()), true);
        accounts = app.demoAccounts();
        api = new Http(app.httpPort());
        base = "http://127.0.0.1:" + app.httpPort();
        driver = Browser.start(Files.createTempDirectory("cw-chromium"));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
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

    static void signIn(String username) {
        driver.manage().deleteAllCookies();
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password(username), Keys.ENTER);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Two real snapshots by officer1 of the first demo cameras, each written to the access log with its purpose. */
    static void officerViewsTwoCameras() throws Exception {
        String officer = api.token("officer1", password("officer1"));
        List<Long> cameras = new ArrayList<>();
        for (JsonNode centre : api.get("/api/v1/centres", officer).json().get("items")) {
            for (JsonNode cam : api.get("/api/v1/centres/" + centre.get("id").asLong() + "/cameras", officer).json().get("items")) {
                cameras.add(cam.get("id").asLong());
            }
        }
        assertThat(cameras).as("the demo has cameras").hasSizeGreaterThanOrEqualTo(2);
        for (long id : cameras.subList(0, 2)) {
            String path = "/api/v1/cameras/" + id + "/snapshot.jpg?purpose=" + PURPOSE.replace(" ", "%20");
            // The simulated cameras start with the node; the first snapshot may have to wait for the stream.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Http.Response r = api.get(path, officer);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            });
            viewed.add(id);
        }
    }

    @Test
    @Order(1)
    void theAuditorFindsTheOfficersViewsFiltersAndDownloadsThemAsCsv() throws Exception {
        officerViewsTwoCameras();
        signIn("auditor");
        driver.get(base + "/audit/access");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Access log");
        assertThat(driver.findElement(By.id("chain")).getAttribute("data-intact")).isEqualTo("true");
        assertThat(driver.findElement(By.id("chain")).getText()).contains("intact");

        // Filter: by the officer's user name and the snapshot action, through the labelled controls.
        WebElement user = driver.findElement(By.xpath("//label[contains(., 'User name')]//input"));
        user.sendKeys("officer1");
        new Select(driver.findElement(By.xpath("//label[contains(., 'Action')]//select"))).selectByVisibleText("Snapshot");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("user=officer1"));
        assertThat(driver.getCurrentUrl()).contains("action=snapshot");
        List<WebElement> rows = driver.findElements(By.cssSelector("#access-list tr[data-row]"));
        List<WebElement> ours = rows.stream().filter(r -> r.getText().contains(PURPOSE)).toList();
        assertThat(ours).hasSize(2);
        for (WebElement r : rows) {
            assertThat(r.getText()).contains("officer1", "Snapshot");
        }
        assertThat(ours.get(0).getText()).contains("Camera #" + viewed.get(1), "127.0.0.1");
        assertThat(ours.get(1).getText()).contains("Camera #" + viewed.get(0));
        Browser.screenshot(driver, "access-log-en");

        // The CSV behind the page's own link: the same rows, in the same order.
        String href = driver.findElement(By.id("access-csv")).getAttribute("href");
        assertThat(href).contains("/audit/access.csv?", "user=officer1", "action=snapshot");
        String csv = (String) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done('ERR ' + e));", href);
        List<String> lines = csv.strip().lines().toList();
        assertThat(lines.getFirst()).startsWith("id,time,username,role,action");
        assertThat(lines).hasSize(rows.size() + 1);
        for (int i = 0; i < rows.size(); i++) {
            String id = rows.get(i).getAttribute("data-id");
            assertThat(lines.get(i + 1)).startsWith(id + ",").contains(",officer1,officer,snapshot,camera,");
        }
        assertThat(lines.stream().filter(l -> l.contains(PURPOSE))).hasSize(2);

        // Printed: the rows stay, the filters and the header go.
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertThat(driver.findElement(By.cssSelector("form.filters")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.cssSelector("#access-list table")).isDisplayed()).isTrue();
        Browser.screenshot(driver, "access-log-print-en");
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

        // In Chinese: every label has its text (no message key shows), the same rows.
        driver.findElement(By.cssSelector("a[data-lang-switch]")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "访问日志"));
        String text = driver.findElement(By.tagName("body")).getText();
        Matcher raw = ConsoleBrowserIT.RAW_KEY.matcher(text);
        assertThat(raw.find()).as(raw.find(0) ? raw.group() : "").isFalse();
        assertThat(text).contains("抓拍", "哈希链校验通过", PURPOSE);
        for (WebElement control : driver.findElements(By.cssSelector("form.filters input, form.filters select"))) {
            assertThat(control.findElement(By.xpath("ancestor::label")).getText()).as(control.getAttribute("name")).isNotBlank();
        }
        Browser.screenshot(driver, "access-log-zh");
        driver.get(base + "/lang/en?back=/audit/access");
    }

    @Test
    @Order(2)
    void theApiPageRendersTheOperationsOfOurOpenApiFile() {
        driver.get(base + "/api/docs");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock-summary-path[data-path='/audit/access']")));
        List<WebElement> operations = driver.findElements(By.cssSelector(".opblock"));
        assertThat(operations.size()).isGreaterThan(20);
        assertThat(driver.findElement(By.cssSelector(".info .title")).getText()).isNotBlank();
        // No inline script anywhere on the page: the initializer is our own file.
        assertThat(driver.findElements(By.cssSelector("script:not([src])"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector("script[src='/static/apidocs.js']"))).isNotNull();
        Browser.screenshot(driver, "api-docs");
    }
}
