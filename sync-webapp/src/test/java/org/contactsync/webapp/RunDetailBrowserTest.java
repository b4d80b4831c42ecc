package org.contactsync.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.contactsync.contact.Contact;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The history's chart of the last runs and a run's detail page with its changed contacts, in a real (headless)
 * browser at desktop and phone width, with a contact whose name is markup. The cap is set to 6 through the
 * configuration, so the page shows a count beyond it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunDetailBrowserTest {
    static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @TempDir
    static Path tmp;

    final Contact hostile = TestContacts.person(HOSTILE, "+1 555 0199");
    ScriptedSyncEngine engine;
    EmbeddedApp app;
    ChromeDriver driver;
    SyncRun added;
    SyncRun deleted;

    @BeforeAll
    void start() throws Exception {
        BrowserSupport.requireBrowser();
        engine = new ScriptedSyncEngine("run-detail-test").pageSize(5).put(hostile).put(TestContacts.people(9));
        app = EmbeddedApp.start(tmp.resolve("data"), Map.of("contactsync.history.changes-per-run", "6"),
                b -> b.engine(c -> engine));
        SyncManager manager = app.application().manager();
        added = SyncFixture.runToEnd(manager, SyncType.FULL);
        engine.remove(hostile.sourceId());
        deleted = SyncFixture.runToEnd(manager, SyncType.FULL);
        driver = BrowserSupport.startChrome(Files.createDirectories(tmp.resolve("chrome-profile")));
        BrowserSupport.desktopViewport(driver, 1000);
        BrowserSupport.signIn(driver, app);
        await().until(() -> !driver.getCurrentUrl().contains("/login"));
    }

    @AfterAll
    void stop() throws Exception {
        BrowserSupport.stop(driver, app);
    }

    private ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions();
    }

    private WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    @Test
    void theHistoryChartShowsOneColumnPerRunAndFitsAPhone() throws Exception {
        driver.get(app.uri("/").toString());
        await().until(() -> byId("history-chart").isDisplayed());

        WebElement svg = byId("history-chart").findElement(By.tagName("svg"));
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        assertThat(byId("run-chart-title").getAttribute("textContent"))
                .isEqualTo("Duration and changed contacts of the last 2 runs");
        List<WebElement> columns = svg.findElements(By.cssSelector(".run-chart-run"));
        assertThat(columns).extracting(c -> c.getAttribute("data-run-id"))
                .containsExactly(String.valueOf(added.id()), String.valueOf(deleted.id()));
        assertThat(columns.get(0).findElement(By.tagName("title")).getAttribute("textContent"))
                .startsWith("Run " + added.id() + ", ").endsWith("Completed, " + formatted(added) + ", 10 contacts changed");
        assertThat(byId("history-chart").getText()).contains("most 10");

        BrowserSupport.phoneViewport(driver, 1600);
        await().until(() -> byId("history-chart").isDisplayed());
        assertNoHorizontalScroll("/ with the chart");
        Map<?, ?> box = (Map<?, ?>) driver.executeScript(
                "const r = arguments[0].getBoundingClientRect(); return {left: r.left, right: r.right, height: r.height};",
                svg);
        assertThat(((Number) box.get("left")).doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(((Number) box.get("right")).doubleValue()).isLessThanOrEqualTo(375);
        assertThat(((Number) box.get("height")).doubleValue()).isGreaterThan(50);
        driver.executeScript("document.getElementById('history-chart').scrollIntoView();");
        BrowserSupport.screenshot(driver, "history-chart-375");
        BrowserSupport.desktopViewport(driver, 1000);
    }

    @Test
    void aHistoryRowOpensTheRunsDetailWithItsFactsAndChangedContactsShownAsText() throws Exception {
        driver.get(app.uri("/").toString());
        await().until(() -> !driver.findElements(By.cssSelector("#history-body tr[data-run-id='" + added.id()
                + "'] a")).isEmpty());
        driver.findElement(By.cssSelector("#history-body tr[data-run-id='" + added.id() + "'] a")).click();

        await().until(() -> driver.getCurrentUrl().endsWith("/runs/" + added.id()));
        await().until(() -> byId("changes-list").findElements(By.tagName("li")).size() == 6);
        assertThat(byId("run-badge").getText()).isEqualTo("Completed");
        assertThat(byId("run-added").getText()).isEqualTo("10");
        assertThat(byId("run-type").getText()).isEqualTo("Full");
        assertThat(byId("run-trigger").getText()).isEqualTo("Manual");
        assertThat(byId("changes-summary").getText()).isEqualTo("Showing 1–6 of 6 listed changes, in the order they were written.");
        assertThat(byId("changes-beyond").getText()).startsWith("4 more changes were counted but not listed");
        assertThat(names()).contains(HOSTILE);
        assertThat(byId("changes-list").findElements(By.tagName("img"))).isEmpty();
        assertNoAlert();

        BrowserSupport.phoneViewport(driver, 1600);
        await().until(() -> byId("changes-list").isDisplayed());
        assertNoHorizontalScroll("/runs/" + added.id());
        BrowserSupport.screenshot(driver, "run-detail-375");
        BrowserSupport.desktopViewport(driver, 1000);
    }

    @Test
    void aDeletionIsListedUnderTheNameTheContactHadAndTheListFiltersByKind() {
        driver.get(app.uri("/runs/" + deleted.id()).toString());
        await().until(() -> byId("changes-list").findElements(By.tagName("li")).size() == 1);

        assertThat(byId("changes-list").getText()).isEqualTo("DELETE" + HOSTILE);
        new org.openqa.selenium.support.ui.Select(byId("changes-kind")).selectByValue("add");
        await().until(() -> byId("changes-summary").getText().equals("No changes of this kind are listed."));
        assertThat(byId("changes-list").findElements(By.tagName("li"))).isEmpty();
        assertNoAlert();
    }

    @Test
    void anUnknownRunSaysSoInASentence() {
        driver.get(app.uri("/runs/999999").toString());

        await().until(() -> byId("run-notice").isDisplayed());
        assertThat(byId("run-notice-text").getText())
                .isEqualTo("There is no sync run 999999. It may belong to another installation; go back to the sync page.");
    }

    private List<String> names() {
        return byId("changes-list").findElements(By.className("change-name")).stream().map(WebElement::getText)
                .toList();
    }

    private String formatted(SyncRun run) {
        return (String) driver.executeScript("return arguments[0] < 1000 ? Math.max(0, Math.round(arguments[0])) "
                + "+ ' ms' : Math.round(arguments[0] / 1000) + ' s';", run.duration(run.completedAt()).toMillis());
    }

    private void assertNoAlert() {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private void assertNoHorizontalScroll(String page) {
        Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
        Number clientWidth = (Number) driver.executeScript("return document.documentElement.clientWidth;");
        assertThat(clientWidth.intValue()).isEqualTo(375);
        assertThat(scrollWidth.intValue()).as("scroll width of " + page + " at 375 px")
                .isLessThanOrEqualTo(clientWidth.intValue());
    }
}
