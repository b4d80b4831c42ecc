package org.contactsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.contactsync.Page;
import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactQuery;
import org.contactsync.contact.ContactStore;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;
import org.contactsync.sync.changes.InMemoryRunChangeLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every behaviour a {@link ContactStore} must have. Each implementation's test extends this class and only says
 * how to build an empty store.
 */
public abstract class ContactStoreContract {

    protected ContactStore store;

    /** A new, empty store (for shared databases: with every table emptied). */
    protected abstract ContactStore newEmptyStore();

    @BeforeEach
    void createStore() {
        store = newEmptyStore();
    }

    protected static Contact contact(String sourceId, String name, String... numbers) {
        Contact.Builder b = Contact.builder(sourceId).displayName(name);
        for (String n : numbers) {
            b.phone(n, PhoneType.MOBILE);
        }
        return b.build();
    }

    private List<String> names(Page<Contact> page) {
        return page.items().stream().map(Contact::displayName).toList();
    }

    private List<String> search(String text) {
        return names(store.search(new ContactQuery(text, 1000, 0)));
    }

    // ---- sources: contacts are keyed by (source, source id)

    @Test
    void contactsWrittenAsNewThatAreStoredAfterAllAreUpdatedNotStoredTwice() {
        store.write(List.of(contact("already", "Already Here", "555 0100")), List.of());
        Contact again = contact("already", "Already Here, Renamed", "555 0101");
        Contact fresh = contact("fresh", "Fresh Contact", "555 0102");

        store.writeNew(Contact.DEFAULT_SOURCE, List.of(again, fresh), new InMemoryRunChangeLog(), 1, List.of(), 0);

        assertThat(store.count()).isEqualTo(2);
        assertThat(store.findBySourceId("already").orElseThrow().displayName()).isEqualTo("Already Here, Renamed");
        assertThat(store.contentHashes(List.of("already", "fresh"))).containsEntry("already", again.contentHash())
                .containsEntry("fresh", fresh.contentHash());
        assertThat(store.hasContacts(Contact.DEFAULT_SOURCE)).isTrue();
        assertThat(store.hasContacts("another-source")).isFalse();
    }

    @Test
    void theSameSourceIdInTwoSourcesIsTwoContacts() {
        store.write("staff", List.of(contact("uid-1", "Anna Staff", "555 0101")), List.of());
        store.write("customers", List.of(contact("uid-1", "Anna Customer", "555 0202")), List.of());

        assertThat(store.count()).isEqualTo(2);
        Contact staff = store.findBySourceId("staff", "uid-1").orElseThrow();
        Contact customer = store.findBySourceId("customers", "uid-1").orElseThrow();
        assertThat(staff.id()).isNotEqualTo(customer.id());
        assertThat(staff.source()).isEqualTo("staff");
        assertThat(customer.displayName()).isEqualTo("Anna Customer");
        assertThat(customer.source()).isEqualTo("customers");
        assertThat(store.findById(customer.id())).contains(customer);
        assertThat(store.findBySourceId("uid-1")).as("the default source has no such contact").isEmpty();
        assertThat(store.sourceIds("staff")).containsExactly("uid-1");
        assertThat(store.contentHashes("customers", List.of("uid-1")))
                .containsExactly(java.util.Map.entry("uid-1", customer.contentHash()));
    }

    @Test
    void aWriteToOneSourceNeverTouchesAnothersContacts() {
        store.write("staff", List.of(contact("a", "Anna"), contact("b", "Bert")), List.of());
        store.write("customers", List.of(contact("a", "Alice"), contact("c", "Carla")), List.of());
        Contact alice = store.findBySourceId("customers", "a").orElseThrow();

        store.write("staff", List.of(contact("a", "Anna Changed"), contact("c", "Cem")), List.of("b", "x"));
        store.write("staff", List.of(), List.of("a"));

        assertThat(store.findBySourceId("customers", "a")).contains(alice);
        assertThat(store.sourceIds("customers")).containsExactlyInAnyOrder("a", "c");
        assertThat(store.sourceIds("staff")).containsExactly("c");
        assertThat(store.sourceIds("suppliers")).isEmpty();
        assertThat(search("")).containsExactly("Alice", "Carla", "Cem");
    }

    @Test
    void readsCoverEverySourceAndASearchCanBeLimitedToOne() {
        store.write(List.of(contact("d1", "Dora Default", "555 0303")), List.of());
        store.write("staff", List.of(contact("s1", "Dora Staff", "555 0303")), List.of());

        assertThat(search("dora")).containsExactly("Dora Default", "Dora Staff");
        assertThat(store.search(new ContactQuery("555 0303", 10, 0, "staff")).items())
                .extracting(Contact::displayName, Contact::source).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Dora Staff", "staff"));
        assertThat(store.search(ContactQuery.all(10, 0).inSource(Contact.DEFAULT_SOURCE)).items())
                .extracting(Contact::source).containsExactly(Contact.DEFAULT_SOURCE);
        assertThat(store.search(ContactQuery.all(10, 0).inSource("nobody")).total()).isZero();
        List<String> sources = new ArrayList<>();
        store.forEach(c -> sources.add(c.source()));
        assertThat(sources).containsExactly(Contact.DEFAULT_SOURCE, "staff");
    }

    @Test
    void aContactWrittenToASourceBelongsToItWhateverSourceItCarried() {
        store.write("staff", List.of(contact("e1", "Emil").withSource("customers")), List.of());

        assertThat(store.findBySourceId("staff", "e1")).get().extracting(Contact::source).isEqualTo("staff");
        assertThat(store.findBySourceId("customers", "e1")).isEmpty();
    }

    // ---- writing and reading back

    @Test
    void aWrittenContactReadsBackWithEveryFieldAndANewLocalId() {
        Instant updated = Instant.parse("2024-03-01T10:15:30.123Z");
        Contact written = Contact.builder("people/c1")
                .displayName("Zoë Ångström")
                .givenName("Zoë").familyName("Ångström").organization("Acme & Söhne <GmbH>")
                .phone(PhoneNumber.primary("+46 (8) 123 45", PhoneType.WORK))
                .phone("070-111 22 33", PhoneType.MOBILE)
                .phone("040 555", PhoneType.HOME)
                .email("zoe@example.com").email("z\\o\ne@example.org")
                .group("Friends").group("")
                .etag("\"etag-1\"")
                .updatedAt(updated)
                .build();
        store.write(List.of(written), List.of());

        Contact read = store.findBySourceId("people/c1").orElseThrow();
        assertThat(read.id()).isPositive();
        assertThat(read).isEqualTo(written.withId(read.id()));
        assertThat(read.phones()).extracting(PhoneNumber::type)
                .containsExactly(PhoneType.WORK, PhoneType.MOBILE, PhoneType.HOME);
        assertThat(read.phones().get(0).primary()).isTrue();
        assertThat(read.phones().get(1).digits()).isEqualTo("0701112233");
        assertThat(store.findById(read.id())).contains(read);
        assertThat(read.contentHash()).isEqualTo(written.contentHash());
    }

    @Test
    void aContactWithoutPhonesEmailsOrGroupsReadsBackWithEmptyLists() {
        store.write(List.of(Contact.builder("only-name").displayName("Just A Name").build()), List.of());

        Contact read = store.findBySourceId("only-name").orElseThrow();
        assertThat(read.phones()).isEmpty();
        assertThat(read.emails()).isEmpty();
        assertThat(read.groups()).isEmpty();
        assertThat(read.updatedAt()).isNull();
        assertThat(read.etag()).isNull();
    }

    @Test
    void unknownIdsAreEmpty() {
        assertThat(store.findById(424242)).isEmpty();
        assertThat(store.findBySourceId("nobody")).isEmpty();
    }

    @Test
    void findBySourceIdsReturnsTheStoredContactsWithTheirPhonesAndSkipsUnknownIds() {
        List<Contact> many = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(contact("many-" + i, "Person " + i, "555 01" + i));
        }
        store.write(many, List.of());
        List<String> asked = new java.util.ArrayList<>(List.of("nobody", "many-0", "many-119", "many-0"));
        for (int i = 1; i < 60; i++) {
            asked.add("many-" + i);
        }

        java.util.Map<String, Contact> found = store.findBySourceIds(asked);

        assertThat(found).hasSize(61).doesNotContainKey("nobody");
        assertThat(found.get("many-119")).isEqualTo(store.findBySourceId("many-119").orElseThrow());
        assertThat(found.get("many-7").phones()).extracting(p -> p.number()).containsExactly("555 017");
        assertThat(store.findBySourceIds(List.of())).isEmpty();
    }

    @Test
    void anUpsertReplacesTheContactButKeepsItsLocalId() {
        store.write(List.of(contact("s1", "Old Name", "111 111", "222 222")), List.of());
        long id = store.findBySourceId("s1").orElseThrow().id();

        store.write(List.of(contact("s1", "New Name", "333 333")), List.of());

        Contact read = store.findBySourceId("s1").orElseThrow();
        assertThat(read.id()).isEqualTo(id);
        assertThat(read.displayName()).isEqualTo("New Name");
        assertThat(read.phones()).extracting(PhoneNumber::number).containsExactly("333 333");
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.search(new ContactQuery("111111", 10, 0)).items()).isEmpty();
    }

    @Test
    void deletionsRemoveContactsAndUnknownSourceIdsAreIgnored() {
        store.write(List.of(contact("a", "Anna"), contact("b", "Bert")), List.of());

        store.write(List.of(), List.of("a", "never-stored"));

        assertThat(store.sourceIds()).containsExactly("b");
        assertThat(store.findBySourceId("a")).isEmpty();
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void aSourceIdBothUpsertedAndDeletedInOneWriteEndsDeleted() {
        store.write(List.of(contact("x", "Xavier")), List.of("x"));

        assertThat(store.findBySourceId("x")).isEmpty();
    }

    @Test
    void theLastOfTwoUpsertsWithTheSameSourceIdWins() {
        store.write(List.of(contact("dup", "First"), contact("dup", "Second")), List.of());

        assertThat(store.count()).isEqualTo(1);
        assertThat(store.findBySourceId("dup").orElseThrow().displayName()).isEqualTo("Second");
    }

    @Test
    void contentHashesAreThoseOfTheStoredContactsOnly() {
        Contact a = contact("a", "Anna", "123 456");
        store.write(List.of(a, contact("b", "Bert")), List.of());

        assertThat(store.contentHashes(List.of("a", "missing")))
                .containsExactly(java.util.Map.entry("a", a.contentHash()));
        assertThat(store.contentHashes(List.of())).isEmpty();
    }

    @Test
    void contentHashesAnswerForManySourceIdsAtOnce() {
        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            many.add(contact("id-" + i, "Person " + i));
        }
        store.write(many, List.of());

        List<String> asked = new ArrayList<>(many.stream().map(Contact::sourceId).toList());
        asked.add("unknown");
        assertThat(store.contentHashes(asked)).hasSize(600);
        assertThat(store.sourceIds()).hasSize(600);
    }

    @Test
    void theVersionIncreasesWithEveryWrite() {
        long v0 = store.version();
        store.write(List.of(contact("a", "Anna")), List.of());
        long v1 = store.version();
        store.write(List.of(), List.of("a"));
        long v2 = store.version();

        assertThat(v1).isGreaterThan(v0);
        assertThat(v2).isGreaterThan(v1);
        assertThat(store.version()).isEqualTo(v2);
    }

    @Test
    void aWriteThatFailsPartWayLeavesTheStoreUnchanged() {
        store.write(List.of(contact("keep", "Keep Me", "555 0101"), contact("gone", "Delete Me")), List.of());
        Contact before = store.findBySourceId("keep").orElseThrow();
        long version = store.version();

        List<Contact> batch = Arrays.asList(contact("keep", "Changed", "999 9999"), contact("new", "New One"), null);
        assertThatThrownBy(() -> store.write(batch, List.of("gone"))).isInstanceOf(RuntimeException.class);

        assertThat(store.findBySourceId("keep")).contains(before);
        assertThat(store.findBySourceId("gone")).isPresent();
        assertThat(store.findBySourceId("new")).isEmpty();
        assertThat(store.count()).isEqualTo(2);
        assertThat(store.version()).isEqualTo(version);
    }

    // ---- search

    @Test
    void aBlankQueryListsEveryContactByFoldedNameThenId() {
        store.write(List.of(contact("1", "zoe"), contact("2", "Émile"), contact("3", "Eva"), contact("4", "Zoë"),
                contact("5", "adam"), contact("6", "Łukasz"), contact("7", "Bob")), List.of());

        Page<Contact> page = store.search(ContactQuery.all(100, 0));

        List<Contact> expected = new ArrayList<>(page.items());
        expected.sort(InMemoryContactStore.BY_NAME);
        assertThat(page.items()).isEqualTo(expected);
        assertThat(names(page)).containsExactly("adam", "Bob", "Émile", "Eva", "Łukasz", "zoe", "Zoë");
        assertThat(page.total()).isEqualTo(7);
    }

    @Test
    void contactsWithTheSameFoldedNameAreOrderedByLocalId() {
        store.write(List.of(contact("1", "Ana")), List.of());
        store.write(List.of(contact("2", "ANA")), List.of());
        store.write(List.of(contact("3", "Aná")), List.of());

        List<Contact> items = store.search(ContactQuery.all(10, 0)).items();
        assertThat(items).extracting(Contact::sourceId).containsExactly("1", "2", "3");
        assertThat(items.get(0).id()).isLessThan(items.get(1).id());
    }

    @Test
    void searchPagesWithTheTotalOfAllMatches() {
        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(contact("p" + i, String.format("Person %02d", i)));
        }
        many.add(contact("other", "Someone Else"));
        store.write(many, List.of());

        Page<Contact> second = store.search(new ContactQuery("person", 10, 10));

        assertThat(second.total()).isEqualTo(25);
        assertThat(names(second)).containsExactly("Person 10", "Person 11", "Person 12", "Person 13", "Person 14",
                "Person 15", "Person 16", "Person 17", "Person 18", "Person 19");
        assertThat(second.hasMore()).isTrue();
        assertThat(store.search(new ContactQuery("person", 10, 30)).items()).isEmpty();
    }

    @Test
    void nameSearchIgnoresCaseAndAccents() {
        store.write(List.of(contact("1", "Łukasz Öztürk"), contact("2", "Émile Zola"), contact("3", "Bob")),
                List.of());

        assertThat(search("lukasz")).containsExactly("Łukasz Öztürk");
        assertThat(search("ÖZTÜRK")).containsExactly("Łukasz Öztürk");
        assertThat(search("ozt")).containsExactly("Łukasz Öztürk");
        assertThat(search("emile")).containsExactly("Émile Zola");
        assertThat(search("ÉMI")).containsExactly("Émile Zola");
    }

    @Test
    void nameSearchMatchesThePrefixOrAWordStartButNotTheMiddleOfAWord() {
        store.write(List.of(contact("1", "Jean-Luc Picard"), contact("2", "Mary Ann Smith"),
                contact("3", "Annabelle"), contact("4", "Joanna")), List.of());

        assertThat(search("ann")).containsExactly("Annabelle", "Mary Ann Smith");
        assertThat(search("luc")).containsExactly("Jean-Luc Picard");
        assertThat(search("pic")).containsExactly("Jean-Luc Picard");
        assertThat(search("icard")).isEmpty();
        assertThat(search("mary ann")).containsExactly("Mary Ann Smith");
    }

    @Test
    void nameSearchAlsoMatchesTheOrganisation() {
        store.write(List.of(Contact.builder("1").displayName("Bob").organization("Ägyptische Bank").build(),
                contact("2", "Alice")), List.of());

        assertThat(search("agyp")).containsExactly("Bob");
        assertThat(search("bank")).containsExactly("Bob");
    }

    @Test
    void likeWildcardsInTheQueryAreTakenLiterally() {
        store.write(List.of(contact("1", "a_b"), contact("2", "axb"), contact("3", "x%y"),
                contact("4", "xzy"), contact("5", "back\\slash")), List.of());

        assertThat(search("a_")).containsExactly("a_b");
        assertThat(search("x%")).containsExactly("x%y");
        assertThat(search("%")).isEmpty();
        assertThat(search("back\\")).containsExactly("back\\slash");
    }

    @Test
    void aPhoneQueryInAnyFormatFindsTheStoredNumber() {
        store.write(List.of(contact("1", "Stored Plain", "5550102000"), contact("2", "Stored Formatted",
                "+1 555 010 2001"), contact("3", "Other", "030 1234567")), List.of());

        assertThat(search("+1 (555) 010-2000")).containsExactly("Stored Plain");
        assertThat(search("555-010-2000")).containsExactly("Stored Plain");
        assertThat(search("0102001")).containsExactly("Stored Formatted");
        assertThat(search("555 010")).containsExactly("Stored Formatted", "Stored Plain");
        assertThat(search("1234567")).containsExactly("Other");
    }

    @Test
    void phoneSearchFollowsPhoneNumbersMatches() {
        store.write(List.of(contact("short", "Short Stored", "0199"), contact("seven", "Seven Stored", "5550199"),
                contact("none", "No Phone")), List.of());

        // A query ending in a stored number matches only if that number has at least seven digits.
        assertThat(search("+1 800 555-0199")).containsExactly("Seven Stored");
        // Fewer than three digits is not a phone query, and no name starts with "55".
        assertThat(search("55")).isEmpty();
        assertThat(search("019")).containsExactly("Seven Stored", "Short Stored");
    }

    @Test
    void everyStoreAnswersQueriesLikeContactQueryMatches() {
        List<Contact> contacts = List.of(
                contact("1", "Åsa Öberg", "+46 70 123 45 67"), contact("2", "O'Brien & Sons", "(01) 234-5678"),
                Contact.builder("3").organization("Ørsted A/S").phone("12345", PhoneType.WORK).build(),
                contact("4", "Мария Иванова", "+7 495 123-45-67"), contact("5", "张伟", "138 0013 8000"),
                Contact.builder("6").email("no.name@example.com").build(), contact("7", "Anne-Marie d'Arc"));
        store.write(contacts, List.of());
        List<Contact> stored = new ArrayList<>();
        store.forEach(stored::add);

        for (String q : List.of("", "a", "as", "oberg", "o'b", "&", "orsted", "a/s", "мар", "иван", "张", "no",
                "no.name", "marie", "d'arc", "123", "4567", "0046701234567", "1234", "12345", "+7 (495) 1234567",
                "x", "  ")) {
            List<String> expected = stored.stream().filter(new ContactQuery(q, 10, 0)::matches)
                    .sorted(InMemoryContactStore.BY_NAME).map(Contact::displayName).toList();
            assertThat(search(q)).as("query '%s'", q).isEqualTo(expected);
        }
    }

    // ---- streaming and concurrency

    @Test
    void forEachVisitsEveryContactWithItsPhonesInNameOrder() {
        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            many.add(contact("s" + i, "Name " + (1100 - i), "555 " + i, "666 " + i));
        }
        store.write(many, List.of());

        List<Contact> seen = new ArrayList<>();
        store.forEach(seen::add);

        assertThat(seen).hasSize(1100);
        List<Contact> sorted = new ArrayList<>(seen);
        sorted.sort(InMemoryContactStore.BY_NAME);
        assertThat(seen).isEqualTo(sorted);
        assertThat(seen).allSatisfy(c -> assertThat(c.phones()).hasSize(2));
        Contact one = seen.stream().filter(c -> c.sourceId().equals("s7")).findFirst().orElseThrow();
        assertThat(one.phones()).extracting(PhoneNumber::number).containsExactly("555 7", "666 7");
    }

    @Test
    void readersSeeAWholeWriteOrNoneOfIt() throws Exception {
        int size = 60;
        store.write(generation(size, 0), List.of());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int g = 1; g <= 15; g++) {
                    store.write(generation(size, g), List.of());
                }
                writing.set(false);
                return null;
            });
            List<Future<Set<Set<String>>>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    Set<Set<String>> observed = new HashSet<>();
                    do {
                        // A contact's etag and its phone both name the write it came from.
                        Set<String> versions = new HashSet<>();
                        store.forEach(c -> versions.add(c.etag() + "|" + c.phones()));
                        observed.add(versions);
                        Page<Contact> page = store.search(ContactQuery.all(1000, 0));
                        observed.add(new HashSet<>(page.items().stream().map(c -> c.etag() + "|" + c.phones())
                                .toList()));
                        assertThat(page.total()).isEqualTo(size);
                    } while (writing.get());
                    return observed;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Set<Set<String>>> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).allSatisfy(versions -> assertThat(versions).hasSize(1));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Contact> generation(int size, int g) {
        List<Contact> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            list.add(Contact.builder("gen-" + i).displayName("Person " + i).phone("555 " + g, PhoneType.HOME)
                    .etag("g" + g).updatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build());
        }
        return list;
    }
}
