package org.contactsync.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.contactsync.testkit.google.PeopleApiEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The sync page's sources in a real (headless) browser, with the three sources of {@link ThreeSourcesApp}: one row
 * per source in the configured order, a source's own sync button, its Google account, and the history filtered by
 * source; at desktop width and at 375 px. Tests run in order: each one's runs are the next one's history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SourcesBrowserTest {
    @TempDir
    static Path tmp;

    ThreeSourcesApp sources;
    ChromeDriver driver;

    @BeforeAll
    void start() throws Exception {
        BrowserSupport.requireBrowser();
        sources = new ThreeSourcesApp(tmp);
        sources.workspace.generateDirectoryPeople(8, PeopleApiEmulator.DOMAIN_PROFILE);
        sources.customersAccount.generatePeople(4);
        sources.connect("staff", sources.workspace);
        sources.connect("customers", sources.customersAccount);
        driver = BrowserSupport.startChrome(Files.createDirectories(tmp.resolve("chrome-profile")));
        BrowserSupport.desktopViewport(driver, 1200);
    }

    @AfterAll
    void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (sources != null) {
            sources.close();
        }
    }

    private ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions();
    }

    private List<WebElement> rows() {
        return driver.findElements(By.cssSelector("#sources-list li.source-row"));
    }

    private WebElement row(String source) {
        return driver.findElement(By.cssSelector("#sources-list li[data-source='" + source + "']"));
    }

    private String state(String source) {
        return row(source).findElement(By.className("source-state")).getText();
    }

    private int historyRows() {
        return driver.findElements(By.cssSelector("#history-body tr[data-run-id]")).size();
    }

    @Test
    @Order(1)
    void thePageShowsOneRowPerSourceInTheConfiguredOrderWithItsGoogleAccount() {
        driver.get(sources.uri("/login").toString());
        driver.findElement(By.id("user")).sendKeys(EmbeddedApp.ADMIN_USER);
        driver.findElement(By.id("password")).sendKeys(EmbeddedApp.ADMIN_PASSWORD);
        driver.findElement(By.id("login-submit")).click();

        await().until(() -> rows().size() == 3);
        assertThat(rows()).extracting(r -> r.getAttribute("data-source"))
                .containsExactly("staff", "customers", "suppliers");
        assertThat(row("staff").findElement(By.className("source-type")).getText())
                .isEqualTo("Google Workspace directory");
        assertThat(row("suppliers").findElement(By.className("source-type")).getText()).isEqualTo("vCard file");
        assertThat(state("staff")).isEqualTo("Not synced yet");
        await().until(() -> row("customers").findElement(By.className("source-google")).getText()
                .startsWith("Connected as owner@example.com"));
        assertThat(row("customers").findElement(By.cssSelector("button[data-action='connect']")).isDisplayed())
                .isFalse();
        assertThat(row("suppliers").findElements(By.cssSelector("button[data-action='connect']"))).isEmpty();
        assertThat(driver.findElements(By.id("google-card"))).as("no single-account card").isEmpty();
        assertThat(driver.findElement(By.className("source-label")).getText())
                .isEqualTo("3 sources: staff, customers, suppliers");
    }

    @Test
    @Order(2)
    void aSourcesSyncButtonSyncsThatSourceOnly() {
        await().until(() -> row("suppliers").findElement(By.cssSelector("button[data-action='sync']")).isEnabled());
        row("suppliers").findElement(By.cssSelector("button[data-action='sync']")).click();

        await().until(() -> state("suppliers").equals("Completed"));
        assertThat(row("suppliers").findElement(By.className("source-run")).getText())
                .contains("2 added, 0 updated, 0 deleted, 0 errors.");
        assertThat(state("staff")).isEqualTo("Not synced yet");
        assertThat(state("customers")).isEqualTo("Not synced yet");
        assertThat(driver.findElement(By.id("notice-text")).getText())
                .isEqualTo("Sync of the source suppliers started.");
    }

    @Test
    @Order(3)
    void syncNowSyncsEverySourceAndTheHistoryFiltersBySource() {
        // The row can show the previous run completed before the page's status does; until then the button is
        // disabled and a click does nothing.
        await().until(() -> driver.findElement(By.id("sync-now")).isEnabled());
        driver.findElement(By.id("sync-now")).click();

        await().until(() -> state("staff").equals("Completed") && state("customers").equals("Completed"));
        assertThat(row("staff").findElement(By.className("source-run")).getText()).contains("8 added");
        assertThat(row("customers").findElement(By.className("source-run")).getText()).contains("4 added");
        await().until(() -> historyRows() == 2);

        Select filter = new Select(driver.findElement(By.id("history-source")));
        assertThat(filter.getOptions()).extracting(WebElement::getText)
                .containsExactly("All sources", "staff", "customers", "suppliers");
        filter.selectByValue("staff");
        await().until(() -> historyRows() == 1);
        filter.selectByValue("suppliers");
        await().until(() -> historyRows() == 2);
        filter.selectByValue("");
        await().until(() -> historyRows() == 2);
    }

    @Test
    @Order(4)
    void disconnectingOneSourcesGoogleAccountOffersToConnectItAgain() {
        row("customers").findElement(By.cssSelector("button[data-action='disconnect']")).click();
        driver.switchTo().alert().accept();

        await().until(() -> row("customers").findElement(By.cssSelector("button[data-action='connect']"))
                .isDisplayed());
        assertThat(row("customers").findElement(By.className("source-google")).getText())
                .isEqualTo("Google account not connected. Connect it to sync this source.");
        await().until(() -> row("staff").findElement(By.className("source-google")).getText()
                .startsWith("Connected"));
    }

    @Test
    @Order(5)
    void aFailingSourcesMessageIsShownInItsRowAsText() throws Exception {
        Files.delete(sources.suppliersFile);

        await().until(() -> row("suppliers").findElement(By.cssSelector("button[data-action='sync']")).isEnabled());
        row("suppliers").findElement(By.cssSelector("button[data-action='sync']")).click();

        await().until(() -> state("suppliers").equals("Error"));
        assertThat(row("suppliers").findElement(By.className("source-run")).getText())
                .contains("Could not read the vCard file", ThreeSourcesApp.HOSTILE_FILE, "it does not exist");
        assertThat(row("suppliers").findElements(By.tagName("img"))).isEmpty();
        assertThat(state("staff")).isEqualTo("Completed");
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    @Order(6)
    void theRowsFitAPhone() throws Exception {
        BrowserSupport.screenshot(driver, "sources-desktop");
        BrowserSupport.phoneViewport(driver, 2400);
        driver.navigate().refresh();
        await().until(() -> rows().size() == 3 && state("staff").equals("Completed")
                && state("suppliers").equals("Error"));

        Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
        assertThat(scrollWidth.intValue()).as("no horizontal scroll at 375 px").isLessThanOrEqualTo(375);
        WebElement sync = row("staff").findElement(By.cssSelector("button[data-action='sync']"));
        assertThat(sync.isDisplayed()).isTrue();
        assertThat(sync.getRect().getX() + sync.getRect().getWidth()).isLessThanOrEqualTo(375);
        BrowserSupport.screenshot(driver, "sources-mobile");
        BrowserSupport.desktopViewport(driver, 1200);
    }
}
