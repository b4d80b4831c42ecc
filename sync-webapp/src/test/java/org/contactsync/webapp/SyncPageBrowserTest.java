package org.contactsync.webapp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.contactsync.sync.SyncSourceException;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sync page in a real (headless) browser against the real wiring, with a scripted source the test can pause
 * mid-run, fail, or fill with hostile names. One server and one browser for the class; tests run in order because
 * each one's runs become the next one's history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncPageBrowserTest {
    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final int PEOPLE = 40;

    @TempDir
    static Path tmp;

    ScriptedSyncEngine engine;
    EmbeddedApp app;
    ChromeDriver driver;

    @BeforeAll
    void start() throws Exception {
        BrowserSupport.requireBrowser();
        engine = new ScriptedSyncEngine("browser-test").pageSize(10);
        engine.put(TestContacts.people(PEOPLE));
        engine.put(TestContacts.person(HOSTILE, "+1 555 0199"));
        app = EmbeddedApp.start(tmp.resolve("data"), Map.of(), b -> b.engine(c -> engine));
        driver = BrowserSupport.startChrome(Files.createDirectories(tmp.resolve("chrome-profile")));
    }

    @AfterAll
    void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void desktop() {
        BrowserSupport.desktopViewport(driver, 1000);
    }

    private ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .conditionEvaluationListener(c -> {
                    if (!c.isSatisfied() && c.getRemainingTimeInMS() <= 100) {
                        System.err.println("Page when the wait ran out (" + driver.getCurrentUrl() + "):\n"
                                + driver.findElement(By.tagName("body")).getText());
                    }
                });
    }

    private WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private String text(String id) {
        return byId(id).getText();
    }

    private void open(String path) {
        driver.get(app.uri(path).toString());
    }

    private void assertNoAlert() {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private List<WebElement> historyRows() {
        return driver.findElements(By.cssSelector("#history-body tr[data-run-id]"));
    }

    @Test
    @Order(1)
    void aWrongPasswordIsExplainedAndTheRightOneOpensTheSyncPage() {
        open("/");
        await().until(() -> driver.getCurrentUrl().contains("/login"));
        byId("user").sendKeys(EmbeddedApp.ADMIN_USER);
        byId("password").sendKeys("wrong password");
        byId("login-submit").click();
        await().until(() -> text("login-error").contains("The user name or password is wrong"));

        byId("password").sendKeys(EmbeddedApp.ADMIN_PASSWORD);
        byId("login-submit").click();

        await().until(() -> text("state-badge").equals("Idle"));
        assertThat(text("status-summary")).contains("No sync has run yet");
        await().until(() -> text("info-live").equals("Live"));
        assertThat(byId("history-empty").isDisplayed()).isTrue();
    }

    @Test
    @Order(2)
    void syncNowShowsItsLoadingStateAndLiveProgressThenTheStatsAndANewHistoryRow() throws Exception {
        open("/");
        await().until(() -> text("state-badge").equals("Idle"));
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(3);
        WebElement button = byId("sync-now");

        button.click();

        // While the run is paused before page 3 of 5, the page shows the run at 40% and the button is busy.
        gate.awaitReached(Duration.ofSeconds(30));
        await().until(() -> text("progress-percent").equals("40%"));
        assertThat(button.isEnabled()).isFalse();
        assertThat(button.getAttribute("class")).contains("loading");
        assertThat(button.getText()).isEqualTo("Syncing…");
        assertThat(text("state-badge")).isEqualTo("Running");
        assertThat(text("progress-op")).contains("page 2 of 5");
        assertThat(byId("progress-bar").getAttribute("aria-valuenow")).isEqualTo("40");
        assertThat(byId("cancel").isDisplayed()).isTrue();
        BrowserSupport.screenshot(driver, "desktop");

        gate.release();

        await().until(() -> text("state-badge").equals("Completed"));
        System.out.println("Status events received by the page: " + byId("app").getAttribute("data-events"));
        assertThat(text("stat-added")).isEqualTo(String.valueOf(PEOPLE + 1));
        assertThat(text("stat-updated")).isEqualTo("0");
        assertThat(text("stat-deleted")).isEqualTo("0");
        assertThat(text("stat-errors")).isEqualTo("0");
        assertThat(byId("progress").isDisplayed()).isFalse();
        await().until(() -> button.isEnabled() && button.getText().equals("Sync now"));
        await().until(() -> historyRows().size() == 1);
        String row = historyRows().get(0).getText();
        assertThat(row).contains("Completed", "Manual", String.valueOf(PEOPLE + 1));
        await().until(() -> text("info-total").equals(String.valueOf(PEOPLE + 1)));
        BrowserSupport.screenshot(driver, "desktop-completed");
    }

    @Test
    @Order(3)
    void syncNowWhileAnotherRunIsGoingShowsAlreadyRunningAndFollowsThatRun() throws Exception {
        // Polling mode, idle: the page does not yet know about the run started elsewhere.
        open("/?live=poll");
        await().until(() -> text("state-badge").equals("Completed"));
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(2);
        HttpResponse<String> started = apiPost("/api/sync/trigger?force_full=true");
        assertThat(started.statusCode()).isEqualTo(200);
        gate.awaitReached(Duration.ofSeconds(30));

        byId("sync-now").click();

        await().until(() -> text("notice-text").contains("A sync is already running"));
        await().until(() -> text("state-badge").equals("Running"));
        assertThat(text("info-live")).contains("every few seconds");
        gate.release();
        await().until(() -> text("state-badge").equals("Completed"));
        await().until(() -> historyRows().size() == 2);
    }

    @Test
    @Order(4)
    void aFailingSourceShowsAMessageForPeopleWithTheTechnicalDetailFoldedAway() {
        engine.failNextRun(1, new SyncSourceException(
                "Could not reach the contact source: connection refused. Check the network and run the sync again.",
                "java.net.ConnectException: Connection refused (127.0.0.1:9)", null));
        open("/");
        await().until(() -> text("state-badge").equals("Completed"));

        byId("sync-now").click();

        await().until(() -> text("state-badge").equals("Error"));
        assertThat(text("run-error-text"))
                .isEqualTo("Could not reach the contact source: connection refused. Check the network and run the sync again.");
        WebElement details = byId("run-error-details");
        assertThat(details.isDisplayed()).isTrue();
        assertThat(details.getAttribute("open")).isNull();
        assertThat(byId("run-error-detail").isDisplayed()).as("folded away until opened").isFalse();
        details.findElement(By.tagName("summary")).click();
        await().until(() -> text("run-error-detail").contains("Connection refused"));
        await().until(() -> historyRows().size() == 3);
        assertThat(historyRows().get(0).getText()).contains("Error", "Could not reach the contact source");
        assertThat(byId("sync-now").isEnabled()).isTrue();
    }

    @Test
    @Order(5)
    void aHostileContactNameIsShownAsTextEverywhere() {
        engine.put(TestContacts.person(HOSTILE + " 2", "+1 555 0198"));
        open("/");
        await().until(() -> byId("preview").isEnabled());

        byId("preview").click();

        await().until(() -> text("preview-list").contains(HOSTILE + " 2"));
        assertThat(driver.findElements(By.cssSelector("#preview-list img"))).isEmpty();
        assertNoAlert();

        open("/contacts");
        byId("q").sendKeys("onerror");
        await().until(() -> driver.findElements(By.cssSelector("#contact-list > li")).size() == 1);
        assertThat(text("contact-list")).contains(HOSTILE);
        assertThat(driver.findElements(By.cssSelector("#contact-list img"))).isEmpty();
        assertNoAlert();
    }

    @Test
    @Order(6)
    void atPhoneWidthNothingOverflowsAndTheButtonsAreReachable() throws Exception {
        BrowserSupport.phoneViewport(driver, 2200);
        for (String path : List.of("/", "/contacts")) {
            open(path);
            await().until(() -> driver.findElements(By.cssSelector("#history-body tr, #contact-list > li")).size() > 0);
            assertNoHorizontalScroll(path, 375);
        }
        open("/");
        await().until(() -> historyRows().size() == 3);
        assertNoHorizontalScroll("/", 375);
        WebElement sync = byId("sync-now");
        Number right = (Number) driver.executeScript("return arguments[0].getBoundingClientRect().right;", sync);
        assertThat(right.doubleValue()).isLessThanOrEqualTo(375);
        BrowserSupport.phoneViewport(driver, 1400);
        BrowserSupport.screenshot(driver, "mobile");

        driver.manage().deleteAllCookies();
        open("/login");
        assertNoHorizontalScroll("/login", 375);
    }

    /** Real error messages, long names and words without a break in them: still no sideways scrolling. */
    @Test
    @Order(7)
    void at320And375PixelsHostileLongTextNeverScrollsThePageSideways() throws Exception {
        String longWord = "Donaudampfschifffahrtselektrizitaetenhauptbetriebswerkbauunterbeamtengesellschaft"
                + "x".repeat(120);
        String longName = "Maximiliane-Theodora " + longWord + " " + HOSTILE;
        engine.put(TestContacts.person(longName, "+49 30 1234567890123456789"));
        engine.failNextRun(1, new SyncSourceException("Could not read the contact source at https://contacts."
                + "example.com/" + "very-long-path-segment-".repeat(12) + "?token=" + "0123456789abcdef".repeat(10)
                + " because the server answered with a page nobody expected. " + longWord
                + " Check the address and run the sync again.", "detail " + longWord.repeat(3), null));
        assertThat(apiPost("/api/sync/trigger").statusCode()).isEqualTo(200);
        await().until(() -> apiGet("/api/sync/status").body().contains("\"state\":\"error\""));
        assertThat(apiPost("/api/sync/trigger").statusCode()).isEqualTo(200);
        await().until(() -> apiGet("/api/sync/status").body().contains("\"state\":\"completed\""));
        login();

        for (int width : List.of(320, 375)) {
            BrowserSupport.phoneViewport(driver, width, 2400);
            open("/");
            await().until(() -> historyRows().size() >= 5
                    && historyRows().get(1).getText().contains("Donaudampfschifffahrts"));
            engine.put(TestContacts.person(longName + " " + width, "+1 555 0197"));
            byId("preview").click();
            await().until(() -> text("preview-list").contains("Maximiliane-Theodora"));
            assertNoHorizontalScroll("/ with a long error in the history and a long name in the preview", width);
            BrowserSupport.screenshot(driver, "mobile-" + width + "-hostile");

            open("/contacts");
            byId("q").sendKeys("Maximiliane");
            await().until(() -> text("result-count").contains("matching")
                    && text("contact-list").contains("Maximiliane-Theodora"));
            assertNoHorizontalScroll("/contacts with a long name", width);
        }
    }

    @Test
    @Order(8)
    void thePhonesSectionListsEachVendorsUrlCopiesItWithOneClickAndPreviewsWhatThePhoneGets() throws Exception {
        BrowserSupport.desktopViewport(driver, 2400);
        String base = app.baseUri().toString().replaceAll("/$", "");
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        login();
        open("/");
        await().until(() -> driver.findElements(By.cssSelector("#phones-list > li")).size() >= 6);
        assertThat(driver.findElements(By.cssSelector("#phones-list > li")).stream()
                .map(li -> li.getAttribute("data-vendor")).toList())
                .contains("cisco", "yealink", "grandstream", "snom", "polycom", "fanvil");
        assertThat(driver.findElement(By.cssSelector("#phones-list > li[data-vendor=yealink-browse] h3")).getText())
                .isEqualTo("Yealink (browse on the phone)");
        WebElement yealink = driver.findElement(By.cssSelector("#phones-list > li[data-vendor=yealink]"));
        String url = yealink.findElement(By.tagName("code")).getText();
        assertThat(url).isEqualTo(base + "/directory/yealink/phonebook.xml");
        assertThat(text("phones-lookup")).contains(base + "/directory/lookup?number=");

        WebElement copy = yealink.findElement(By.xpath(".//button[text()='Copy']"));
        copy.click();
        await().until(() -> copy.getText().equals("Copied"));
        Object copied = driver.executeAsyncScript("navigator.clipboard.readText().then(arguments[0], "
                + "e => arguments[0]('failed: ' + e));");
        assertThat(copied).isEqualTo(url);

        yealink.findElement(By.xpath(".//button[text()='Preview']")).click();
        WebElement preview = yealink.findElement(By.cssSelector("pre.phone-preview"));
        await().until(() -> preview.getText().contains("<YealinkIPPhoneBook>"));
        assertThat(preview.getText()).contains("Person 001");
        assertThat(driver.findElements(By.cssSelector("#phones img"))).isEmpty();
        assertNoAlert();

        BrowserSupport.phoneViewport(driver, 320, 2400);
        open("/");
        await().until(() -> driver.findElements(By.cssSelector("#phones-list > li")).size() >= 6);
        WebElement polycom = driver.findElement(By.cssSelector("#phones-list > li[data-vendor=polycom]"));
        polycom.findElement(By.xpath(".//button[text()='Preview']")).click();
        await().until(() -> polycom.findElement(By.tagName("pre")).getText().contains("<item_list>"));
        assertNoHorizontalScroll("/ with the phones' URLs and a preview", 320);
        driver.executeScript("document.getElementById('phones').scrollIntoView();");
        BrowserSupport.screenshot(driver, "phones-320");
    }

    private void login() {
        open("/login");
        if (!driver.getCurrentUrl().contains("/login")) {
            return;
        }
        byId("user").sendKeys(EmbeddedApp.ADMIN_USER);
        byId("password").sendKeys(EmbeddedApp.ADMIN_PASSWORD);
        byId("login-submit").click();
        await().until(() -> !driver.getCurrentUrl().contains("/login"));
    }

    private void assertNoHorizontalScroll(String page, int width) {
        Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
        Number clientWidth = (Number) driver.executeScript("return document.documentElement.clientWidth;");
        assertThat(clientWidth.intValue()).isEqualTo(width);
        assertThat(scrollWidth.intValue()).as("scroll width of " + page + " at " + width + " px")
                .isLessThanOrEqualTo(clientWidth.intValue());
    }

    private HttpResponse<String> apiGet(String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(app.uri(path).toString()))
                .header("Authorization", "Basic " + basic()).GET().build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return Base64.getEncoder().encodeToString((EmbeddedApp.ADMIN_USER + ":" + EmbeddedApp.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> apiPost(String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(app.uri(path).toString()))
                .header("Authorization", "Basic " + basic())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    }
}
