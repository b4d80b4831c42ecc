package org.contactsync.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.contactsync.contact.Contact;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectoryPagesTest {
    private static final String ROOT = "https://phones.example.com/contactsync/directory";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final InMemoryContactStore store = new InMemoryContactStore();
    private final DirectoryPages pages = new DirectoryPages("Contacts", "");

    /** One 10,000-contact address book for the tests that walk the whole directory (built once: it is slow). */
    private static final class TenThousand {
        static final InMemoryContactStore STORE = DirectoryFixtures.store(10_000, 42);
        static final DirectorySnapshot SNAPSHOT = DirectorySnapshot.build(STORE, T0);
    }

    // ---- main menu -------------------------------------------------------------------------------------------

    @Test
    void mainMenuListsTheTenKeypadGroupsFirstThenSearchAndHelp() {
        DirectoryPage page = pages.mainMenu(ROOT);
        CiscoXml doc = CiscoXml.parse(page.xml());

        assertThat(page.status()).isEqualTo(200);
        assertThat(doc.rootName()).isEqualTo("CiscoIPPhoneMenu");
        assertThat(doc.text("Title")).isEqualTo("Contacts");
        assertThat(doc.childNames()).startsWith("Title", "Prompt", "MenuItem").endsWith("SoftKeyItem");
        assertThat(doc.menuItems()).extracting(CiscoXml.Item::name).containsExactly("1", "2ABC", "3DEF",
                "4GHI", "5JKL", "6MNO", "7PQRS", "8TUV", "9WXYZ", "0", "Search", "Help");
        assertThat(doc.menuItems().get(10).value()).isEqualTo(ROOT + "/search");
        assertThat(doc.menuItems().get(2).value()).isEqualTo(ROOT + "/groups/3DEF");
        assertThat(doc.softKey("Select").url()).isEqualTo("SoftKey:Select");
        assertThat(doc.softKey("Search").url()).isEqualTo(ROOT + "/search");
        assertThat(doc.softKey("Exit").url()).isEqualTo("SoftKey:Exit");
        assertThat(doc.hasSoftKey("Favs")).isFalse();
    }

    @Test
    void pressingKeyNOnTheMainMenuOpensTheGroupOfKeyN() {
        DirectoryRouter router = new DirectoryRouter(pages, TenThousand.SNAPSHOT, ROOT);
        List<CiscoXml.Item> items = CiscoXml.parse(router.get(ROOT).xml()).menuItems();

        for (char key : "1234567890".toCharArray()) {
            // A Cisco phone selects menu item N when key N is pressed; 0 is the tenth item.
            int item = key == '0' ? 10 : key - '0';
            CiscoXml opened = CiscoXml.parse(router.get(items.get(item - 1).value()).xml());
            assertThat(opened.text("Title")).as("key %s", key).endsWith(KeypadGroup.fromPath(String.valueOf(key))
                    .orElseThrow().label());
            assertThat(opened.text("Title").replaceFirst("^\\d+/\\d+ ", "")).startsWith(String.valueOf(key));
        }
    }

    @Test
    void mainMenuTitleComesFromConfigurationDefaultsToContactsAndIsCutToThePhoneLimit() {
        assertThat(CiscoXml.parse(new DirectoryPages("ACME & Sons phone book", "").mainMenu(ROOT).xml())
                .text("Title")).isEqualTo("ACME & Sons phone book");
        assertThat(CiscoXml.parse(new DirectoryPages("  ", "").mainMenu(ROOT).xml()).text("Title"))
                .isEqualTo("Contacts");
        assertThat(CiscoXml.parse(new DirectoryPages("A very long company directory title indeed", "")
                .mainMenu(ROOT).xml()).text("Title")).hasSize(32).endsWith("...");
    }

    // ---- the whole directory, crawled like a phone would -----------------------------------------------------

    @Test
    void withTenThousandContactsEveryPageIsValidWithinPhoneLimitsAndEveryLinkWorks() {
        DirectorySnapshot snapshot = TenThousand.SNAPSHOT;
        DirectoryRouter router = new DirectoryRouter(pages, snapshot, ROOT);

        Deque<String> todo = new ArrayDeque<>(List.of(ROOT));
        Set<String> seen = new HashSet<>(todo);
        Map<String, Integer> byRoot = new HashMap<>();
        while (!todo.isEmpty()) {
            String url = todo.pop();
            DirectoryPage page = router.get(url);
            assertThat(page.status()).as(url).isEqualTo(200);
            CiscoXml doc = CiscoXml.parse(page.xml());
            byRoot.merge(doc.rootName(), 1, Integer::sum);
            assertWithinPhoneLimits(doc, url);
            for (String link : doc.allUrls()) {
                if (!link.startsWith("SoftKey:") && seen.add(link) && !link.endsWith("/search")) {
                    todo.add(link);
                }
            }
        }

        assertThat(snapshot.size()).isEqualTo(9_000);
        assertThat(byRoot.get("CiscoIPPhoneDirectory")).as("a page for every contact").isEqualTo(9_000);
        assertThat(byRoot.get("CiscoIPPhoneMenu")).isGreaterThan(9_000 / 32);
    }

    @Test
    void pagingThroughEveryGroupVisitsEveryContactWithANumberExactlyOnce() {
        DirectorySnapshot snapshot = TenThousand.SNAPSHOT;
        DirectoryRouter router = new DirectoryRouter(pages, snapshot, ROOT);

        List<String> visited = new ArrayList<>();
        for (CiscoXml.Item group : CiscoXml.parse(pages.mainMenu(ROOT).xml()).menuItems().subList(0, 10)) {
            String url = group.value();
            int pagesInGroup = 0;
            while (url != null) {
                CiscoXml doc = CiscoXml.parse(router.get(url).xml());
                if (doc.rootName().equals("CiscoIPPhoneText")) {
                    break; // an empty group
                }
                assertThat(doc.menuItems()).hasSizeBetween(1, 32);
                doc.menuItems().forEach(item -> visited.add(item.value()));
                url = doc.hasSoftKey("Next") ? doc.softKey("Next").url() : null;
                assertThat(++pagesInGroup).isLessThan(1000);
            }
        }

        List<String> expected = new ArrayList<>();
        TenThousand.STORE.forEach(c -> {
            if (c.hasPhone()) {
                expected.add(ROOT + "/contacts/" + c.id());
            }
        });
        assertThat(visited).hasSize(expected.size()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void prevAndNextSoftKeysWalkBackAndForthBetweenPages() {
        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(contact("s" + i, String.format("Smith %02d", i), "555 01" + String.format("%02d", i)));
        }
        store.write(many, List.of());
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, T0);

        CiscoXml first = CiscoXml.parse(pages.group(snapshot, ROOT, "7PQRS", null).xml());
        CiscoXml second = CiscoXml.parse(pages.group(snapshot, ROOT, "7PQRS", "2").xml());
        CiscoXml last = CiscoXml.parse(pages.group(snapshot, ROOT, "7PQRS", "3").xml());

        assertThat(first.text("Title")).isEqualTo("1/3 7PQRS");
        assertThat(first.text("Prompt")).isEqualTo("1-32 of 70");
        assertThat(first.softKeys()).extracting(CiscoXml.SoftKey::name).containsExactly("Select", "Next", "Exit");
        assertThat(first.softKey("Next").url()).isEqualTo(ROOT + "/groups/7PQRS?page=2");
        assertThat(second.softKeys()).extracting(CiscoXml.SoftKey::name)
                .containsExactly("Select", "Prev", "Next", "Exit");
        assertThat(second.softKey("Prev").url()).isEqualTo(ROOT + "/groups/7PQRS");
        assertThat(last.softKeys()).extracting(CiscoXml.SoftKey::name).containsExactly("Select", "Prev", "Exit");
        assertThat(last.menuItems()).extracting(CiscoXml.Item::name).containsExactly("Smith 64", "Smith 65",
                "Smith 66", "Smith 67", "Smith 68", "Smith 69");
        assertThat(last.text("Prompt")).isEqualTo("65-70 of 70");
        assertThat(first.softKey("Select").position()).isEqualTo(1);
        assertThat(second.softKey("Prev").position()).isEqualTo(2);
        assertThat(second.softKey("Next").position()).isEqualTo(3);
        assertThat(second.softKey("Exit").position()).isEqualTo(4);
    }

    @Test
    void anEmptyGroupSaysSoInsteadOfShowingAnEmptyMenu() {
        DirectoryPage page = pages.group(DirectorySnapshot.build(store, T0), ROOT, "8TUV", null);

        assertThat(page.status()).isEqualTo(200);
        CiscoXml doc = CiscoXml.parse(page.xml());
        assertThat(doc.rootName()).isEqualTo("CiscoIPPhoneText");
        assertThat(doc.text("Text")).isEqualTo("No contacts in 8TUV.");
    }

    @Test
    void groupsAreFoundByKeyDigitOrLabelInAnyCase() {
        store.write(List.of(contact("1", "Tom", "555 0100")), List.of());
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, T0);

        for (String g : List.of("8TUV", "8tuv", "8")) {
            assertThat(CiscoXml.parse(pages.group(snapshot, ROOT, g, null).xml()).menuItems())
                    .extracting(CiscoXml.Item::name).containsExactly("Tom");
        }
    }

    // ---- grouping of real names --------------------------------------------------------------------------------

    @Test
    void namesAreListedUnderTheKeyTheDocumentedRulesGiveThem() {
        store.write(List.of(contact("1", "Ömer Öztürk", "555 0101"), contact("2", "Łukasz Nowak", "555 0102"),
                contact("3", "李小龍", "555 0103"), contact("4", "+49 30 1234567", "+49 30 1234567"),
                contact("5", "Жанна", "555 0105"), contact("6", "3M Service", "555 0106")), List.of());
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, T0);

        assertThat(names(snapshot, "6MNO")).containsExactly("Ömer Öztürk");
        assertThat(names(snapshot, "5JKL")).containsExactly("Łukasz Nowak");
        assertThat(names(snapshot, "0")).containsExactly("Жанна", "李小龍");
        assertThat(names(snapshot, "1")).containsExactly("+49 30 1234567", "3M Service");
    }

    @Test
    void aNameOfOnlyWhitespaceIsShownByItsFallback() {
        store.write(List.of(Contact.builder("w").displayName("   ").givenName(" ").familyName("Weiß")
                .phone("555 0100", PhoneType.WORK).build(), Contact.builder("n").displayName("\t")
                .phone("+1 555 0199", PhoneType.MOBILE).build()), List.of());
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, T0);

        assertThat(names(snapshot, "9WXYZ")).containsExactly("Weiß");
        assertThat(names(snapshot, "1")).containsExactly("+1 555 0199");
    }

    // ---- contact page ------------------------------------------------------------------------------------------

    @Test
    void contactPageListsEachNumberLabelledPrimaryFirstWithDialSoftKeys() {
        store.write(List.of(Contact.builder("a").displayName("Anna Smith")
                .phone("+1 (555) 010-0001", PhoneType.WORK)
                .phone(PhoneNumber.primary("(555) 010-0002", PhoneType.MOBILE))
                .phone("555 010 0003", PhoneType.HOME)
                .phone("555-010-0004", PhoneType.MOBILE)
                .phone("555.010.0002", PhoneType.MAIN) // the primary number again: listed once
                .build()), List.of());
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, T0);
        long id = snapshot.contacts().get(0).id();

        DirectoryPage page = new DirectoryPages("Contacts", "9").contact(snapshot, ROOT, Long.toString(id));
        CiscoXml doc = CiscoXml.parse(page.xml());

        assertThat(page.status()).isEqualTo(200);
        assertThat(doc.rootName()).isEqualTo("CiscoIPPhoneDirectory");
        assertThat(doc.childNames()).containsExactly("Title", "Prompt", "DirectoryEntry", "DirectoryEntry",
                "DirectoryEntry", "DirectoryEntry", "SoftKeyItem", "SoftKeyItem", "SoftKeyItem", "SoftKeyItem");
        assertThat(doc.text("Title")).isEqualTo("Anna Smith");
        assertThat(doc.directoryEntries()).containsExactly(
                new CiscoXml.Item("Mobile (555) 010-0002", "95550100002"),
                new CiscoXml.Item("Mobile 555-010-0004", "95550100004"),
                new CiscoXml.Item("Work +1 (555) 010-0001", "+15550100001"),
                new CiscoXml.Item("Home 555 010 0003", "95550100003"));
        assertThat(doc.softKeys()).containsExactly(
                new CiscoXml.SoftKey("Dial", "SoftKey:Dial", 1),
                new CiscoXml.SoftKey("EditDial", "SoftKey:EditDial", 2),
                new CiscoXml.SoftKey("Back", ROOT + "/groups/2ABC", 3),
                new CiscoXml.SoftKey("Exit", "SoftKey:Exit", 4));
    }

    @Test
    void contactPageListsAtMostThirtyTwoNumbers() {
        Contact.Builder b = Contact.builder("many").displayName("Switchboard");
        for (int i = 0; i < 40; i++) {
            b.phone("555 01" + String.format("%02d", i), PhoneType.WORK);
        }
        store.write(List.of(b.build()), List.of());
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, T0);

        CiscoXml doc = CiscoXml.parse(pages.contact(snapshot, ROOT,
                Long.toString(snapshot.contacts().get(0).id())).xml());

        assertThat(doc.directoryEntries()).hasSize(32);
    }

    @Test
    void backFromAContactGoesToTheGroupPageThatListsIt() {
        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(contact("s" + i, String.format("Baker %02d", i), "555 0100"));
        }
        store.write(many, List.of());
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, T0);
        DirectoryContact c35 = snapshot.group(KeypadGroup.ABC).get(35);

        CiscoXml doc = CiscoXml.parse(pages.contact(snapshot, ROOT, Long.toString(c35.id())).xml());

        assertThat(doc.softKey("Back").url()).isEqualTo(ROOT + "/groups/2ABC?page=2");
    }

    // ---- hostile and unusual names -----------------------------------------------------------------------------

    @Test
    void hostileNamesKeepEveryPageWellFormedAndTheirTextIntact() {
        List<String> hostile = List.of("Bob & \"Alice\" <script>", "<img src=x onerror=alert(1)>",
                "Zed ]]> & ' \"", "Ctrl\u0000\u0008\u001F\u007F Char\u0085s");
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            contacts.add(contact("h" + i, hostile.get(i), "555 010" + i));
        }
        store.write(contacts, List.of());
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, T0);

        Set<String> shownInGroups = new HashSet<>();
        for (KeypadGroup g : KeypadGroup.values()) {
            CiscoXml doc = CiscoXml.parse(pages.group(snapshot, ROOT, g.label(), null).xml());
            doc.menuItems().forEach(item -> shownInGroups.add(item.name()));
        }
        Set<String> titles = new HashSet<>();
        for (DirectoryContact c : snapshot.contacts()) {
            titles.add(CiscoXml.parse(pages.contact(snapshot, ROOT, Long.toString(c.id())).xml()).text("Title"));
        }

        Set<String> expected = Set.of("Bob & \"Alice\" <script>", "<img src=x onerror=alert(1)>",
                "Zed ]]> & ' \"", "Ctrl Chars");
        assertThat(shownInGroups).isEqualTo(expected);
        assertThat(titles).isEqualTo(expected);
        String raw = pages.group(snapshot, ROOT, "2ABC", null).xml();
        assertThat(raw).contains("Bob &amp; &quot;Alice&quot; &lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void theTestKitsHostileAndMultiScriptNamesAllRenderWellFormedAndReadable() {
        List<Contact> contacts = new ArrayList<>();
        List<String> names = new ArrayList<>(TestContacts.HOSTILE_NAMES);
        names.addAll(TestContacts.NAMES_IN_SEVERAL_SCRIPTS);
        for (int i = 0; i < names.size(); i++) {
            contacts.add(contact("k" + i, names.get(i), "555 01" + String.format("%02d", i)));
        }
        store.write(contacts, List.of());
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, T0);

        Set<String> shown = new HashSet<>();
        for (KeypadGroup g : KeypadGroup.values()) {
            CiscoXml doc = CiscoXml.parse(pages.group(snapshot, ROOT, g.label(), null).xml());
            assertWithinPhoneLimits(doc, g.label());
            doc.menuItems().forEach(i -> shown.add(i.name()));
        }

        assertThat(shown).hasSize(names.size())
                .contains("<img src=x onerror=alert(1)>", "]]></Name><Name>Injected", "Tab and newline",
                        "evil Override", "&amp; already escaped &lt;b&gt;", "王小明", "محمد علي", "Straße Groß");
        assertThat(names(snapshot, "5JKL")).contains("Łukasz Öztürk");
        assertThat(names(snapshot, "0")).contains("王小明", "Иван Петров", "김민준");
    }

    @Test
    void unicodeNamesSurviveAndLongOnesAreCutWithoutBreakingCharacters() {
        String longGreek = "Σοφία Παπαδοπούλου-Καραγιαννοπούλου του Αλεξάνδρου";
        String emoji = "\uD83D\uDE00 Smiley " + "\uD83C\uDF89".repeat(30);
        store.write(List.of(contact("1", "李小龍", "555 0101"), contact("2", "Жанна Новикова", "555 0102"),
                contact("3", longGreek, "555 0103"), contact("4", emoji, "555 0104"),
                contact("5", "Zoë Ångström", "555 0105")), List.of());
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, T0);

        List<String> shown = new ArrayList<>();
        for (KeypadGroup g : KeypadGroup.values()) {
            CiscoXml.parse(pages.group(snapshot, ROOT, g.label(), null).xml()).menuItems()
                    .forEach(i -> shown.add(i.name()));
        }

        assertThat(shown).contains("李小龍", "Жанна Новикова", "Zoë Ångström");
        String greek = shown.stream().filter(s -> s.startsWith("Σοφία")).findFirst().orElseThrow();
        assertThat(greek.codePointCount(0, greek.length())).isEqualTo(32);
        assertThat(greek).endsWith("...");
        String smiley = shown.stream().filter(s -> s.contains("Smiley")).findFirst().orElseThrow();
        assertThat(smiley.codePointCount(0, smiley.length())).isEqualTo(32);
        assertThat(smiley.chars().filter(ch -> Character.isSurrogate((char) ch)).count() % 2).isZero();
    }

    // ---- search ------------------------------------------------------------------------------------------------

    @Test
    void searchWithoutTextIsAnInputObjectThatSubmitsToTheSearchUrl() {
        for (String q : new String[] {null, "", "   "}) {
            CiscoXml doc = CiscoXml.parse(pages.search(DirectorySnapshot.build(store, T0), ROOT, q, null).xml());

            assertThat(doc.rootName()).isEqualTo("CiscoIPPhoneInput");
            assertThat(doc.childNames()).containsExactly("Title", "Prompt", "URL", "InputItem");
            assertThat(doc.text("URL")).isEqualTo(ROOT + "/search");
            assertThat(doc.inputItems()).containsExactly(List.of("DisplayName=Name or number",
                    "QueryStringParam=q", "DefaultValue=", "InputFlags=A"));
        }
    }

    @Test
    void searchResultsAreAPagedMenuOfMatchingContacts() {
        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(contact("m" + i, String.format("Miller %02d", i), "555 02" + String.format("%02d", i)));
        }
        many.add(contact("x", "Anna Müller", "555 0300"));
        many.add(contact("y", "Zed", "555 0301"));
        store.write(many, List.of());
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, T0);

        CiscoXml first = CiscoXml.parse(pages.search(snapshot, ROOT, "mil", null).xml());
        CiscoXml second = CiscoXml.parse(pages.search(snapshot, ROOT, "mil", "2").xml());
        CiscoXml umlaut = CiscoXml.parse(pages.search(snapshot, ROOT, "mu", null).xml());

        assertThat(first.rootName()).isEqualTo("CiscoIPPhoneMenu");
        assertThat(first.text("Title")).isEqualTo("1/2 Search: mil");
        assertThat(first.menuItems()).hasSize(32);
        assertThat(first.softKey("Next").url()).isEqualTo(ROOT + "/search?q=mil&page=2");
        assertThat(second.menuItems()).hasSize(8);
        assertThat(second.softKey("Prev").url()).isEqualTo(ROOT + "/search?q=mil");
        assertThat(umlaut.rootName()).as("one match goes straight to the contact")
                .isEqualTo("CiscoIPPhoneDirectory");
        assertThat(umlaut.text("Title")).isEqualTo("Anna Müller");
    }

    @Test
    void searchByNumberInAnyFormatFindsTheContact() {
        store.write(List.of(Contact.builder("d").displayName("Dana").phone("+1 (555) 010-2000", PhoneType.WORK)
                .build(), contact("e", "Eve", "555 0999")), List.of());
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, T0);

        for (String typed : List.of("+1 (555) 010-2000", "15550102000", "5550102000", "555-010-2000")) {
            CiscoXml doc = CiscoXml.parse(pages.search(snapshot, ROOT, typed, null).xml());
            assertThat(doc.rootName()).as(typed).isEqualTo("CiscoIPPhoneDirectory");
            assertThat(doc.text("Title")).isEqualTo("Dana");
        }
    }

    @Test
    void searchWithNoMatchSaysSoAndOffersANewSearch() {
        DirectoryPage page = pages.search(DirectorySnapshot.build(store, T0), ROOT, "<nobody>", null);
        CiscoXml doc = CiscoXml.parse(page.xml());

        assertThat(page.status()).isEqualTo(200);
        assertThat(doc.rootName()).isEqualTo("CiscoIPPhoneText");
        assertThat(doc.text("Text")).startsWith("No contact matches \"<nobody>\".");
        assertThat(doc.softKey("Search").url()).isEqualTo(ROOT + "/search");
    }

    @Test
    void searchTextIsEncodedInPagingLinks() {
        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(contact("a" + i, "A&B <x> Co " + i, "555 0" + (100 + i)));
        }
        store.write(many, List.of());

        CiscoXml doc = CiscoXml.parse(pages.search(DirectorySnapshot.build(store, T0), ROOT, "a&b <x>", null)
                .xml());

        assertThat(doc.softKey("Next").url()).isEqualTo(ROOT + "/search?q=a%26b+%3Cx%3E&page=2");
        assertThat(doc.text("Title")).isEqualTo("1/2 Search: a&b <x>");
    }

    // ---- errors ------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "group {0} page {1} → {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "XYZ|null|404|There is no group \"XYZ\"",
        "<script>|null|404|There is no group \"<script>\"",
        "2ABC|-1|400|\"-1\" is not a page number",
        "2ABC|0|400|\"0\" is not a page number",
        "2ABC|abc|400|\"abc\" is not a page number",
        "2ABC|1e3|400|\"1e3\" is not a page number",
        "2ABC|99999999999999999999|400|is not a page number",
        "2ABC|2|404|Group 2ABC has 1 page; there is no page 2.",
        "2ABC|999999999|404|there is no page 999999999",
        "8TUV|3|404|Group 8TUV has no contacts, so it has no page 3."})
    void badGroupRequestsGetAClearTextPageAndStatus(String group, String page, int status, String message) {
        store.write(List.of(contact("1", "Anna", "555 0100")), List.of());

        DirectoryPage result = pages.group(DirectorySnapshot.build(store, T0), ROOT, group, page);

        assertErrorPage(result, status, message);
    }

    @ParameterizedTest(name = "contact {0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "abc|400|\"abc\" is not a contact id",
        "-5|400|\"-5\" is not a contact id",
        "0|400|\"0\" is not a contact id",
        "1.5|400|is not a contact id",
        "99999999999999999999999|400|is not a contact id",
        "1; DROP TABLE contacts|400|is not a contact id",
        "424242|404|There is no contact 424242 with a phone number."})
    void badContactRequestsGetAClearTextPageAndStatus(String id, int status, String message) {
        store.write(List.of(contact("1", "Anna", "555 0100")), List.of());

        assertErrorPage(pages.contact(DirectorySnapshot.build(store, T0), ROOT, id), status, message);
    }

    @Test
    void aContactWithoutNumbersIsNotFound() {
        store.write(List.of(Contact.builder("e").displayName("Email Only").email("e@example.com").build()),
                List.of());
        long id = store.findBySourceId("e").orElseThrow().id();

        assertErrorPage(pages.contact(DirectorySnapshot.build(store, T0), ROOT, Long.toString(id)), 404,
                "There is no contact " + id);
    }

    @Test
    void badSearchRequestsGetAClearTextPageAndStatus() {
        store.write(List.of(contact("1", "Anna", "555 0100"), contact("2", "Anton", "555 0101")), List.of());
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, T0);

        assertErrorPage(pages.search(snapshot, ROOT, "x".repeat(33), null), 400, "at most 32 characters");
        assertErrorPage(pages.search(snapshot, ROOT, "an", "-2"), 400, "\"-2\" is not a page number");
        assertErrorPage(pages.search(snapshot, ROOT, "an", "7"), 404, "has 1 page of results; there is no page 7");
        assertErrorPage(pages.search(snapshot, ROOT, "zzz", "2"), 404, "has no results");
    }

    @Test
    void helpIsATextPage() {
        CiscoXml doc = CiscoXml.parse(pages.help(ROOT).xml());

        assertThat(doc.rootName()).isEqualTo("CiscoIPPhoneText");
        assertThat(doc.childNames()).containsExactly("Title", "Text", "SoftKeyItem", "SoftKeyItem", "SoftKeyItem");
        assertThat(doc.text("Text")).contains("2ABC").contains("Search");
        assertThat(doc.softKey("Menu").url()).isEqualTo(ROOT);
    }

    @Test
    void refusesADialPrefixThatIsNotDialable() {
        assertThatThrownBy(() -> new DirectoryPages("Contacts", "9,"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dial prefix");
        assertThat(new DirectoryPages("Contacts", " 0 ").dialPrefix()).isEqualTo("0");
    }

    @Test
    void refusesPageSizesThePhonesCannotShow() {
        assertThatThrownBy(() -> new DirectoryPages("Contacts", "", 101))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static void assertErrorPage(DirectoryPage page, int status, String message) {
        assertThat(page.status()).isEqualTo(status);
        CiscoXml doc = CiscoXml.parse(page.xml());
        assertThat(doc.rootName()).isEqualTo("CiscoIPPhoneText");
        assertThat(doc.childNames()).startsWith("Title", "Text");
        assertThat(doc.text("Text")).contains(message);
        assertThat(doc.softKey("Menu").url()).isEqualTo(ROOT);
    }

    /** Every check the phones impose, applied to any page. */
    static void assertWithinPhoneLimits(CiscoXml doc, String where) {
        assertThat(doc.rootName()).as(where).isIn("CiscoIPPhoneMenu", "CiscoIPPhoneDirectory",
                "CiscoIPPhoneInput", "CiscoIPPhoneText");
        assertThat(doc.menuItems()).as(where).hasSizeLessThanOrEqualTo(32);
        assertThat(doc.directoryEntries()).as(where).hasSizeLessThanOrEqualTo(32);
        for (String field : List.of("Title", "Prompt")) {
            String v = doc.text(field);
            if (v != null) {
                assertThat(v.codePointCount(0, v.length())).as(where + " " + field).isLessThanOrEqualTo(32);
            }
        }
        for (CiscoXml.Item item : doc.menuItems()) {
            assertThat(item.name().codePointCount(0, item.name().length())).as(where).isBetween(1, 32);
        }
        for (CiscoXml.Item entry : doc.directoryEntries()) {
            assertThat(entry.name()).as(where).isNotBlank().hasSizeLessThanOrEqualTo(32);
            assertThat(entry.value()).as(where).matches("\\+?[0-9*#]{1,32}");
        }
        assertThat(doc.softKeys()).extracting(CiscoXml.SoftKey::position).as(where).doesNotHaveDuplicates()
                .allMatch(p -> p >= 1 && p <= 4);
        for (String url : doc.allUrls()) {
            assertThat(url).as(where).hasSizeLessThanOrEqualTo(256)
                    .matches(u -> u.startsWith("https://") || u.startsWith("SoftKey:"), "absolute or SoftKey:");
        }
        if (doc.rootName().equals("CiscoIPPhoneDirectory")) {
            assertThat(doc.directoryEntries()).as(where).isNotEmpty();
            assertThat(doc.softKey("Dial").url()).isEqualTo("SoftKey:Dial");
        }
    }

    private static Contact contact(String sourceId, String name, String number) {
        return Contact.builder(sourceId).displayName(name).phone(number, PhoneType.MOBILE).build();
    }

    private static List<String> names(DirectorySnapshot snapshot, String group) {
        return snapshot.group(KeypadGroup.fromPath(group).orElseThrow()).stream().map(DirectoryContact::name)
                .collect(Collectors.toList());
    }
}
