package org.contactsync.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactStore;
import org.contactsync.contact.PhoneType;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The contacts page in a real (headless) browser: every contact says which source it came from, and the
 * duplicates view lists what the phone directory merged; names and sources from a source are shown as text.
 */
class ContactsPageBrowserTest {
    static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @TempDir
    Path tmp;

    EmbeddedApp app;
    ChromeDriver driver;

    @BeforeEach
    void start() throws Exception {
        BrowserSupport.requireBrowser();
        app = EmbeddedApp.start(tmp.resolve("data"), Map.of(),
                b -> b.engine(c -> new ScriptedSyncEngine("contacts-page-test")));
        driver = BrowserSupport.startChrome(Files.createDirectories(tmp.resolve("chrome-profile")));
        BrowserSupport.desktopViewport(driver, 1400);
    }

    @AfterEach
    void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    private ContactStore contacts() {
        return app.application().database().contactStore();
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    @Test
    void eachContactShowsItsSourceAndTheDuplicatesViewListsWhatWasMerged() throws Exception {
        contacts().write(List.of(
                Contact.builder("staff/1").source("staff").displayName("Agnieszka Wójcik")
                        .updatedAt(java.time.Instant.parse("2025-06-01T00:00:00Z")) // no source order: newest wins
                        .phone("+49 30 1234567", PhoneType.WORK).build(),
                Contact.builder("suppliers/1").source(HOSTILE).displayName("Wójcik " + HOSTILE)
                        .phone("+4930 1234567", PhoneType.MAIN).phone("+49 170 7654321", PhoneType.MOBILE).build(),
                Contact.builder("staff/2").source("staff").displayName("Bert Brecht")
                        .phone("+49 30 7777777", PhoneType.WORK).build()), List.of());
        Assumptions.assumeTrue(contacts().findBySourceId("staff/1").orElseThrow().source().equals("staff"),
                "The database's contact store does not keep each contact's source yet (issue 17's named sources).");

        BrowserSupport.signIn(driver, app);
        driver.get(app.uri("/contacts").toString());

        BrowserSupport.await(Duration.ofSeconds(30)).until(() -> driver.findElements(By.cssSelector("#contact-list > li")).size() == 3);
        List<String> labels = driver.findElements(By.cssSelector("#contact-list .source-label")).stream()
                .map(WebElement::getText).toList();
        assertThat(labels).containsExactlyInAnyOrder("staff", "staff", HOSTILE);

        BrowserSupport.await(Duration.ofSeconds(30)).until(() -> text("duplicates-count").contains("1 person found in several sources"));
        WebElement merged = driver.findElement(By.cssSelector("#duplicate-list > li"));
        assertThat(merged.findElement(By.cssSelector(".contact-name")).getText()).startsWith("Agnieszka Wójcik")
                .endsWith("staff");
        List<WebElement> members = merged.findElements(By.cssSelector(".duplicate-members > li"));
        assertThat(members).hasSize(2);
        assertThat(members.get(0).getText()).contains("staff/1", "name shown");
        assertThat(members.get(1).getText()).contains("Wójcik " + HOSTILE, HOSTILE, "suppliers/1",
                "+49 170 7654321");
        assertThat(driver.findElements(By.cssSelector("#app img"))).as("markup from a source stays text").isEmpty();
        BrowserSupport.screenshot(driver, "contacts-duplicates");
    }

    @Test
    void withOneSourceTheDuplicatesViewSaysNothingWasMerged() {
        contacts().write(List.of(Contact.builder("a").displayName("Anna").phone("+1 555 0100", PhoneType.WORK)
                .build(), Contact.builder("b").displayName("Anna twin").phone("+1 555 0100", PhoneType.WORK)
                .build()), List.of());

        BrowserSupport.signIn(driver, app);
        driver.get(app.uri("/contacts").toString());

        BrowserSupport.await(Duration.ofSeconds(30)).until(() -> text("duplicates-count")
                .equals("Nothing was merged: no person appears in more than one source."));
        assertThat(driver.findElements(By.cssSelector("#duplicate-list > li"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#contact-list .source-label")).get(0).getText())
                .isEqualTo(Contact.DEFAULT_SOURCE);
    }
}
