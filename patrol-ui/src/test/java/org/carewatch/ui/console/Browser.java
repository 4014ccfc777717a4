package org.carewatch.ui.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both by explicit path, so Selenium Manager
 * never looks for (or downloads) a driver or a browser; a fresh profile per browser. Tests that need it skip
 * with a message when {@code /usr/bin/chromium} is not installed ({@code .ci/run} installs it).
 */
final class Browser {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium chromium-driver; .ci/run does)");
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "skipped: no chromedriver at " + CHROMEDRIVER + " (apt-get install chromium-driver)");
    }

    static ChromeDriver start(Path profile) {
        // Belt and braces: Selenium Manager stays offline even if something asked it.
        System.setProperty("SE_OFFLINE", "true");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log")).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--autoplay-policy=no-user-gesture-required", "--lang=en-US", "--window-size=1280,720",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        viewport(driver, 1280, 720);
        return driver;
    }

    /** Sizes the window so that the page itself (the viewport) is {@code width} x {@code height}. */
    static void viewport(ChromeDriver driver, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        Object inner = driver.executeScript("return [window.innerWidth, window.innerHeight];");
        java.util.List<?> wh = (java.util.List<?>) inner;
        int dw = width - ((Number) wh.get(0)).intValue();
        int dh = height - ((Number) wh.get(1)).intValue();
        if (dw != 0 || dh != 0) {
            driver.manage().window().setSize(new Dimension(width + dw, height + dh));
        }
    }

    /** Saves what the browser shows now as {@code target/screenshots/NAME.png}. */
    static void screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
