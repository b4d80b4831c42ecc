package org.contactsync.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.awaitility.core.ConditionFactory;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The sync page for a viewer, in a real browser: who they are and that they are read-only, every button that would
 * change something gone, and the history with the configuration changes between its runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerPageBrowserTest {
    @TempDir
    static Path tmp;

    EmbeddedApp app;
    ChromeDriver driver;

    @BeforeAll
    void start() throws Exception {
        BrowserSupport.requireBrowser();
        ScriptedSyncEngine engine = new ScriptedSyncEngine("viewer-test").put(TestContacts.people(5));
        app = EmbeddedApp.start(tmp.resolve("data"), EmbeddedApp.WITH_VIEWER, b -> b.engine(c -> engine));
        // The start recorded the source; a run after it, so the change shows below the run.
        app.application().manager().trigger(SyncType.FULL);
        await().until(() -> app.application().manager().history(1, 0).items().get(0).completedAt() != null);
        driver = BrowserSupport.startChrome(Files.createDirectories(tmp.resolve("chrome-profile")));
    }

    @AfterAll
    void stop() throws Exception {
        BrowserSupport.stop(driver, app);
    }

    private static ConditionFactory await() {
        return BrowserSupport.await();
    }

    private boolean shown(String id) {
        List<WebElement> found = driver.findElements(By.id(id));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    @Test
    void aViewerSeesWhoTheyAreThatTheyAreReadOnlyAndNoButtonThatChangesAnything() throws Exception {
        BrowserSupport.desktopViewport(driver, 1000);
        driver.get(app.uri("/login").toString());
        driver.findElement(By.id("user")).sendKeys(EmbeddedApp.VIEWER_USER);
        driver.findElement(By.id("password")).sendKeys(EmbeddedApp.VIEWER_PASSWORD);
        driver.findElement(By.id("login-submit")).click();

        await().until(() -> driver.findElements(By.cssSelector("#history-body tr[data-run-id]")).size() == 1);
        assertThat(driver.findElement(By.id("read-only-notice")).getText())
                .startsWith("You are signed in as viewer, a viewer: you can see everything here, but not start, "
                        + "cancel or change anything.");
        assertThat(driver.findElement(By.id("signed-in-as")).getText()).isEqualTo("viewer (viewer, read-only)");
        for (String action : List.of("sync-now", "cancel", "preview", "pause-resume")) {
            assertThat(shown(action)).as(action).isFalse();
        }
        assertThat(driver.findElements(By.cssSelector("fieldset.sync-type")).get(0).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("state-badge")).getText()).isEqualTo("Completed");

        // The configuration found at the first start comes after (below) the run that followed it.
        await().until(() -> !driver.findElements(By.cssSelector("#history-body tr.config-event")).isEmpty());
        List<WebElement> rows = driver.findElements(By.cssSelector("#history-body tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getAttribute("data-run-id")).isNotNull();
        assertThat(rows.get(1).getText()).contains("Contact source: bundled sample contacts (vCard).")
                .contains("in the configuration, found at start");

        BrowserSupport.phoneViewport(driver, 1400);
        Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
        assertThat(scrollWidth.intValue()).as("no horizontal scroll at 375 px").isLessThanOrEqualTo(375);
        BrowserSupport.screenshot(driver, "viewer-mobile");
    }
}
