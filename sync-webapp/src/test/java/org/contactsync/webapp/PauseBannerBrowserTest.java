package org.contactsync.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncTrigger;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** Automatic syncs paused after failures: the page shows why, and Resume starts them again. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PauseBannerBrowserTest {
    @TempDir
    static Path tmp;

    ScriptedSyncEngine engine;
    EmbeddedApp app;
    ChromeDriver driver;

    @BeforeAll
    void start() throws Exception {
        BrowserSupport.requireBrowser();
        engine = new ScriptedSyncEngine("pause-test").put(TestContacts.people(5));
        engine.failNextRuns(2, new ConnectException("Connection refused"));
        app = EmbeddedApp.start(tmp.resolve("data"), Map.of("contactsync.sync.interval", "10s",
                "contactsync.sync.full-interval", "off", "contactsync.alert.pause-after", "2"),
                b -> b.engine(c -> engine).initialDelay(Duration.ZERO));
        driver = BrowserSupport.startChrome(Files.createDirectories(tmp.resolve("chrome-profile")));
    }

    @AfterAll
    void stop() throws Exception {
        BrowserSupport.stop(driver, app);
    }

    private ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions();
    }

    @Test
    void thePausedBannerGivesTheReasonAndResumeRunsAutomaticSyncsAgain() throws Exception {
        // Two failed scheduled runs (the second after the backoff of 2 x 10 s).
        await().until(() -> app.application().scheduler().pause().isPresent());

        BrowserSupport.desktopViewport(driver, 1000);
        BrowserSupport.signIn(driver, app);

        await().until(() -> driver.findElement(By.id("pause-banner")).isDisplayed());
        assertThat(driver.findElement(By.id("pause-text")).getText())
                .startsWith("Automatic syncs are paused: the last 2 scheduled syncs failed")
                .contains("click Resume");
        BrowserSupport.phoneViewport(driver, 1400);
        Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
        assertThat(scrollWidth.intValue()).as("no horizontal scroll at 375 px").isLessThanOrEqualTo(375);
        BrowserSupport.screenshot(driver, "pause-banner-mobile");
        BrowserSupport.desktopViewport(driver, 1000);

        driver.findElement(By.id("pause-resume")).click();

        await().until(() -> !driver.findElement(By.id("pause-banner")).isDisplayed());
        await().until(() -> app.application().manager().history(10, 0).items().stream()
                .anyMatch(r -> r.trigger() == SyncTrigger.SCHEDULED && r.status() == RunStatus.COMPLETED));
        assertThat(app.application().scheduler().pause()).isEmpty();
    }
}
