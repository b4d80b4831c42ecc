package org.contactsync.webapp;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and chromedriver for the browser tests. Selenium is given both paths, so it never
 * looks for (or downloads) a driver itself. Without the binaries the tests are skipped with a message, except in CI
 * ({@code CI=true}), where their absence is a failure.
 */
final class BrowserSupport {
    static final Path CHROMIUM = Path.of(System.getProperty("cs.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("cs.chromedriver", "/usr/bin/chromedriver"));

    private BrowserSupport() {
    }

    /** Waits for what a page shows: up to {@code atMost}, polling every 100 ms, a failing look counting as "not yet". */
    static org.awaitility.core.ConditionFactory await(Duration atMost) {
        return org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions();
    }

    /** Signs in on the app's login page as its admin (nothing to do when the session is already signed in). */
    static void signIn(ChromeDriver driver, EmbeddedApp app) {
        driver.get(app.uri("/login").toString());
        if (!driver.getCurrentUrl().contains("/login")) {
            return;
        }
        driver.findElement(By.id("user")).sendKeys(EmbeddedApp.ADMIN_USER);
        driver.findElement(By.id("password")).sendKeys(EmbeddedApp.ADMIN_PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        await(Duration.ofSeconds(30)).until(() -> !driver.getCurrentUrl().contains("/login"));
    }

    /** Waits for the page (a minute at most, ignoring failed looks until then). */
    static org.awaitility.core.ConditionFactory await() {
        return await(Duration.ofSeconds(60));
    }

    /** Skips (or, in CI, fails) when the browser is not installed. */
    static void requireBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (present) {
            return;
        }
        String message = "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install -y chromium chromium-driver).";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " CI must install them (see .ci/run).");
        }
        Assumptions.abort(message + " Skipping the browser tests on this machine.");
    }

    static ChromeDriver startChrome(Path profileDir) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--lang=en-US", "--window-size=1280,1500", "--user-data-dir=" + profileDir.toAbsolutePath());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Quits the browser and stops the app, either of which may not have started. */
    static void stop(ChromeDriver driver, EmbeddedApp app) throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    /** Phone-sized viewport (375 CSS pixels wide), through the DevTools protocol so no window minimum applies. */
    static void phoneViewport(ChromeDriver driver, int height) {
        phoneViewport(driver, 375, height);
    }

    /** A phone's viewport of the given CSS width (320: the narrowest phones still in use; 375: most). */
    static void phoneViewport(ChromeDriver driver, int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
    }

    static void desktopViewport(ChromeDriver driver, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /**
     * Saves a screenshot under the build directory ({@code screenshots/NAME.png}); with
     * {@code -Dcs.docs.screenshots=DIR} also copies it to {@code DIR/screenshot-NAME.png} (used to refresh docs/).
     */
    static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Path dir = Path.of(System.getProperty("cs.build.dir", "target"), "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        String docs = System.getProperty("cs.docs.screenshots");
        if (docs != null && !docs.isBlank()) {
            Files.copy(file, Path.of(docs).resolve("screenshot-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
