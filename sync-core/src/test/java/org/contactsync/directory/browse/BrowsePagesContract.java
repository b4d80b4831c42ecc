package org.contactsync.directory.browse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;


import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneType;
import org.contactsync.directory.DialRules;
import org.contactsync.directory.DirectoryFixtures;
import org.contactsync.directory.DirectoryPage;
import org.contactsync.directory.DirectorySnapshot;
import org.contactsync.directory.XmlDoc;
import org.contactsync.directory.KeypadGroup;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** What browsing must do on every vendor's XML browser; one subclass per {@link BrowseMarkup}. */
abstract class BrowsePagesContract {
    static final String ROOT = "https://phones.example.com/contactsync/directory/vendor/browse";
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    abstract BrowseMarkup markup();

    /** XPath of a menu's line names and (same order) their URLs. */
    abstract String menuNames();

    abstract String menuUrls();

    /** XPath of a directory's entry names and numbers. */
    abstract String entryNames();

    abstract String entryNumbers();

    BrowsePages pages() {
        return new BrowsePages(markup(), DialRules.none(), "Contacts");
    }

    static Document parse(DirectoryPage page) {
        return XmlDoc.parse(page.xml());
    }

    static List<String> values(Document doc, String xpath) {
        return XmlDoc.values(doc, xpath);
    }

    DirectoryPage follow(DirectorySnapshot s, String url) {
        String path = url.substring(ROOT.length());
        String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
        path = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String page = null;
        for (String kv : query.split("&")) {
            if (kv.startsWith("page=")) {
                page = kv.substring(5);
            }
        }
        if (path.isEmpty()) {
            return pages().menu(s, ROOT);
        }
        if (path.startsWith("/groups/")) {
            return pages().group(s, ROOT, path.substring(8), page);
        }
        if (path.startsWith("/contacts/")) {
            return pages().contact(s, ROOT, path.substring(10));
        }
        if (path.equals("/favourites")) {
            return pages().favourites(s, ROOT, page);
        }
        throw new AssertionError("unexpected link " + url);
    }

    void assertWithinLimits(DirectoryPage page) {
        assertThat(page.xml().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(markup().maxBytes());
        Document doc = parse(page);
        assertThat(values(doc, menuNames())).allMatch(n -> n.codePointCount(0, n.length()) <= markup().maxLine());
        assertThat(values(doc, menuNames())).hasSizeLessThanOrEqualTo(markup().pageSize() + 2);
    }

    @Test
    void menuLineNIsGroupNThenSearch() {
        DirectorySnapshot s = DirectorySnapshot.of(1, List.of(), T0);
        Document menu = parse(pages().menu(s, ROOT));
        List<String> names = values(menu, menuNames());
        List<String> urls = values(menu, menuUrls());

        for (KeypadGroup g : KeypadGroup.values()) {
            int line = g.key() == '0' ? 10 : g.key() - '0';
            assertThat(names.get(line - 1)).isEqualTo(g.label());
            assertThat(urls.get(line - 1)).isEqualTo(ROOT + "/groups/" + g.label());
        }
        assertThat(names.get(10)).isEqualTo("Search");
    }

    @Test
    void pagingThroughTenThousandContactsReachesEachOnceWithinTheVendorsLimits() {
        List<Contact> contacts = new ArrayList<>();
        for (Contact c : DirectoryFixtures.contacts(10_000, 42)) {
            contacts.add(c.withId(contacts.size() + 1));
        }
        DirectorySnapshot s = DirectorySnapshot.of(1, contacts, T0);
        Set<String> seen = new HashSet<>();
        int listed = 0;
        for (KeypadGroup g : KeypadGroup.values()) {
            String url = ROOT + "/groups/" + g.label();
            while (url != null) {
                DirectoryPage page = follow(s, url);
                assertThat(page.status()).isEqualTo(200);
                assertWithinLimits(page);
                Document doc = parse(page);
                List<String> names = values(doc, menuNames());
                List<String> urls = values(doc, menuUrls());
                url = null;
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i).startsWith("Next...")) {
                        url = urls.get(i);
                    } else if (urls.get(i).contains("/contacts/")) {
                        assertThat(seen.add(urls.get(i))).as("listed twice: " + urls.get(i)).isTrue();
                        listed++;
                    }
                }
            }
        }
        assertThat(listed).isEqualTo(s.size());
    }

    @Test
    void hostileNamesStayWellFormedAndIntactOnTheContactPage() {
        List<String> hostile = List.of("<img src=x onerror=alert(1)>", "Bob & \"Alice\"", "N".repeat(300),
                "Emoji 😀👍🏽", "שלום עליכם");
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            contacts.add(Contact.builder("h" + i).id(i + 1).displayName(hostile.get(i)).phone("+49 30 10" + i, PhoneType.WORK)
                    .phone("+49 170 10" + i, PhoneType.MOBILE).build());
        }
        DirectorySnapshot s = DirectorySnapshot.of(1, contacts, T0);
        List<String> shown = new ArrayList<>();
        for (var c : s.contacts()) {
            DirectoryPage page = pages().contact(s, ROOT, Long.toString(c.id()));
            assertWithinLimits(page);
            Document doc = parse(page);
            shown.add(values(doc, "/*/Title").get(0));
            assertThat(values(doc, entryNumbers())).allMatch(n -> n.matches("\\+?[0-9*#]+")).hasSize(2);
            assertThat(values(doc, entryNames())).anyMatch(n -> n.startsWith("Mobile"));
            assertThat(page.xml()).doesNotContain("<img");
        }
        assertThat(shown).contains("<img src=x onerror=alert(1)>", "Bob & \"Alice\"", "Emoji 😀👍🏽", "שלום עליכם");
    }

    @Test
    void searchIsAFormThenResultsAndOneMatchIsTheContact() {
        DirectorySnapshot s = DirectorySnapshot.of(1, List.of(
                Contact.builder("w").id(1).displayName("Agnieszka Wójcik").phone("+48 22 1", PhoneType.WORK).build(),
                Contact.builder("m").id(2).displayName("Marek Nowak").phone("+48 22 2", PhoneType.WORK).build()), T0);

        assertThat(pages().search(s, ROOT, null, null).xml()).contains("search");
        assertThat(values(parse(pages().search(s, ROOT, "9652", null)), "/*/Title")).containsExactly(
                "Agnieszka Wójcik");
        assertThat(pages().search(s, ROOT, "x".repeat(40), null).status()).isEqualTo(400);
    }
}
