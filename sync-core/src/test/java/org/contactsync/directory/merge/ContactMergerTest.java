package org.contactsync.directory.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneNumbers;
import org.contactsync.contact.PhoneType;
import org.junit.jupiter.api.Test;

class ContactMergerTest {
    private static final Instant OLD = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NEW = Instant.parse("2025-06-01T00:00:00Z");

    private long nextId = 1;

    private Contact.Builder contact(String source, String sourceId, String name) {
        return Contact.builder(sourceId).id(nextId++).source(source).displayName(name);
    }

    private static List<MergedContact> merge(String region, SourcePriority priority, Contact... contacts) {
        List<MergedContact> result = new ArrayList<>(new ContactMerger(priority,
                n -> PhoneNumbers.e164(n, region)).merge(List.of(contacts)));
        result.sort(Comparator.comparing(m -> m.entry().displayName()));
        return result;
    }

    private static List<MergedContact> merged(List<MergedContact> people) {
        return people.stream().filter(MergedContact::merged).toList();
    }

    @Test
    void oneNumberWrittenTwoWaysInTheSitesRegionIsOnePerson() {
        Contact staff = contact("staff", "s1", "Anna Nowak").phone("+48 22 123 45 67", PhoneType.WORK).build();
        Contact customers = contact("customers", "c1", "A. Nowak").phone("22 123 45 67", PhoneType.MAIN).build();

        List<MergedContact> people = merge("PL", SourcePriority.of("staff", "customers"), staff, customers);

        assertThat(people).hasSize(1);
        assertThat(people.get(0).entry().displayName()).isEqualTo("Anna Nowak");
        assertThat(people.get(0).entry().phones()).extracting(PhoneNumber::number).containsExactly("+48 22 123 45 67");
        assertThat(people.get(0).origins()).containsExactly(new Origin("staff", "s1", staff.id()),
                new Origin("customers", "c1", customers.id()));
    }

    @Test
    void aNationalNumberWithTheTrunkPrefixMatchesItsInternationalForm() {
        Contact a = contact("staff", "s1", "Jürgen Keller").phone("+49 30 1234567", PhoneType.WORK).build();
        Contact b = contact("suppliers", "v1", "Keller GmbH").phone("030 1234567", PhoneType.WORK).build();

        assertThat(merged(merge("DE", SourcePriority.none(), a, b))).hasSize(1);
        assertThat(merged(merge("", SourcePriority.none(), a, b)))
                .as("without a region a national number cannot be read, so nothing links").isEmpty();
    }

    @Test
    void theSameEmailInAnotherCaseAndWithSpacesIsOnePerson() {
        Contact a = contact("staff", "s1", "Marta Rossi").email("Marta.Rossi@Example.com").build();
        Contact b = contact("customers", "c1", "Marta").email("  marta.rossi@example.COM ")
                .phone("+39 06 1234 5678", PhoneType.MOBILE).build();

        List<MergedContact> people = merge("", SourcePriority.of("staff", "customers"), a, b);

        assertThat(people).hasSize(1);
        MergedContact m = people.get(0);
        assertThat(m.entry().displayName()).isEqualTo("Marta Rossi");
        assertThat(m.entry().emails()).containsExactly("Marta.Rossi@Example.com");
        assertThat(m.entry().phones()).extracting(PhoneNumber::number).containsExactly("+39 06 1234 5678");
    }

    @Test
    void linksAreTransitiveAcrossNumbersAndEmails() {
        Contact a = contact("staff", "s1", "Hiro Tanaka").phone("+81 3 1234 5678", PhoneType.WORK).build();
        Contact b = contact("customers", "c1", "Tanaka").phone("+81-3-1234-5678", PhoneType.WORK)
                .email("hiro@example.jp").build();
        Contact c = contact("suppliers", "v1", "H. Tanaka").email("HIRO@example.jp")
                .phone("+81 90 1111 2222", PhoneType.MOBILE).build();

        List<MergedContact> people = merge("", SourcePriority.of("staff", "customers", "suppliers"), a, b, c);

        assertThat(people).hasSize(1);
        assertThat(people.get(0).members()).containsExactly(a, b, c);
        assertThat(people.get(0).entry().phones()).extracting(PhoneNumber::number)
                .containsExactly("+81 3 1234 5678", "+81 90 1111 2222");
    }

    @Test
    void contactsOfOneSourceAreNeverMergedEvenWhenTheyShareASwitchboardNumber() {
        Contact alice = contact("staff", "s1", "Alice").phone("+44 20 7946 0000", PhoneType.MAIN).build();
        Contact bob = contact("staff", "s2", "Bob").phone("+44 20 7946 0000", PhoneType.MAIN).build();
        Contact acme = contact("customers", "c1", "Acme reception").phone("+44 20 7946 0000", PhoneType.MAIN)
                .build();

        List<MergedContact> people = merge("", SourcePriority.none(), alice, bob, acme);

        assertThat(people).hasSize(3).noneMatch(MergedContact::merged);
    }

    @Test
    void aNumberSharedWithinOneSourceStillLinksTheOtherSourcesContacts() {
        Contact alice = contact("staff", "s1", "Alice").phone("+44 20 7946 0000", PhoneType.MAIN).build();
        Contact bob = contact("staff", "s2", "Bob").phone("+44 20 7946 0000", PhoneType.MAIN).build();
        Contact acme = contact("customers", "c1", "Acme").phone("+44 20 7946 0000", PhoneType.MAIN).build();
        Contact acme2 = contact("suppliers", "v1", "Acme Ltd").phone("+442079460000", PhoneType.MAIN).build();

        List<MergedContact> people = merged(merge("", SourcePriority.of("customers"), alice, bob, acme, acme2));

        assertThat(people).hasSize(1);
        assertThat(people.get(0).members()).containsExactly(acme, acme2);
    }

    @Test
    void aChainThatWouldJoinTwoContactsOfOneSourceStopsBeforeTheSecond() {
        Contact a = contact("staff", "s1", "Anna").phone("+1 555 010 0001", PhoneType.WORK).build();
        Contact b = contact("customers", "c1", "Anna B").phone("+1 555 010 0001", PhoneType.WORK)
                .email("shared@example.com").build();
        Contact c = contact("staff", "s2", "Carl").email("shared@example.com").build();

        List<MergedContact> people = merge("", SourcePriority.of("staff", "customers"), a, b, c);

        assertThat(merged(people)).singleElement().satisfies(m -> assertThat(m.members()).containsExactly(a, b));
        assertThat(people).hasSize(2);
    }

    @Test
    void theWinnerIsTheHigherPrioritySourceThenTheMostRecentlyUpdated() {
        Contact oldStaff = contact("staff", "s1", "Staff name").updatedAt(OLD).organization("Staff org")
                .phone("+1 555 010 0001", PhoneType.WORK).build();
        Contact newCustomer = contact("customers", "c1", "Customer name").updatedAt(NEW)
                .phone("+1 555 010 0001", PhoneType.WORK).build();

        assertThat(merge("", SourcePriority.of("staff", "customers"), oldStaff, newCustomer).get(0).entry())
                .satisfies(e -> {
                    assertThat(e.displayName()).isEqualTo("Staff name");
                    assertThat(e.organization()).isEqualTo("Staff org");
                    assertThat(e.id()).isEqualTo(oldStaff.id());
                    assertThat(e.source()).isEqualTo("staff");
                });
        assertThat(merge("", SourcePriority.of("customers", "staff"), oldStaff, newCustomer).get(0).entry()
                .displayName()).isEqualTo("Customer name");
        assertThat(merge("", SourcePriority.none(), oldStaff, newCustomer).get(0).entry().displayName())
                .as("same rank: the most recently updated").isEqualTo("Customer name");
    }

    @Test
    void anUnknownUpdateTimeCountsAsOldestAndAnUnlistedSourceRanksLast() {
        Contact undated = contact("a", "a1", "Undated").phone("+1 555 010 0001", PhoneType.WORK).build();
        Contact dated = contact("b", "b1", "Dated").updatedAt(OLD).phone("+1 555 010 0001", PhoneType.WORK).build();
        Contact unlisted = contact("z", "z1", "Unlisted").updatedAt(NEW).phone("+1 555 010 0001", PhoneType.WORK)
                .build();

        assertThat(merge("", SourcePriority.none(), undated, dated).get(0).winner()).isEqualTo(dated);
        assertThat(merge("", SourcePriority.of("a", "b"), undated, dated, unlisted).get(0).members())
                .containsExactly(undated, dated, unlisted);
    }

    @Test
    void numbersAreUnitedWithoutDuplicatesTheWinnersFirstAndItsPreferredStaysFirst() {
        Contact staff = contact("staff", "s1", "Lena").phone("+49 30 1234567", PhoneType.WORK)
                .phone("+49 170 1234567", PhoneType.MOBILE).build();
        Contact customers = contact("customers", "c1", "Lena S").phone(PhoneNumber.primary("0170 1234567",
                PhoneType.OTHER)).phone("030 7654321", PhoneType.HOME).phone("030 1234567", PhoneType.MAIN).build();

        Contact entry = merge("DE", SourcePriority.of("staff", "customers"), staff, customers).get(0).entry();

        assertThat(entry.phones()).containsExactly(PhoneNumber.of("+49 30 1234567", PhoneType.WORK),
                PhoneNumber.of("+49 170 1234567", PhoneType.MOBILE), PhoneNumber.of("030 7654321", PhoneType.HOME));
    }

    @Test
    void emailsAndLabelsAreUnited() {
        Contact a = contact("staff", "s1", "Kai").email("kai@example.com").group("Team").build();
        Contact b = contact("customers", "c1", "Kai K").email("KAI@example.com").email("kai@home.example")
                .group("Team").group("starred").build();

        Contact entry = merge("", SourcePriority.of("staff"), a, b).get(0).entry();

        assertThat(entry.emails()).containsExactly("kai@example.com", "kai@home.example");
        assertThat(entry.groups()).containsExactly("Team", "starred");
    }

    @Test
    void withOneSourceEveryContactStaysAsItIs() {
        Contact a = contact(Contact.DEFAULT_SOURCE, "a", "Anna").phone("+1 555 010 0001", PhoneType.WORK).build();
        Contact b = contact(Contact.DEFAULT_SOURCE, "b", "Anna 2").phone("+1 555 010 0001", PhoneType.WORK).build();

        List<MergedContact> people = merge("", SourcePriority.none(), a, b);

        assertThat(people).extracting(MergedContact::entry).containsExactly(a, b);
    }

    @Test
    void mergesAHundredThousandContactsInLinearPasses() {
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            contacts.add(contact("staff", "s" + i, "Person " + i).phone("+1 555 " + String.format("%07d", i),
                    PhoneType.WORK).build());
            contacts.add(contact("customers", "c" + i, "Customer " + i).email("p" + i + "@example.com")
                    .phone("+1555" + String.format("%07d", i), PhoneType.MAIN).build());
        }
        ContactMerger merger = new ContactMerger(SourcePriority.of("staff", "customers"),
                n -> PhoneNumbers.digits(n).isEmpty() ? "" : "+" + PhoneNumbers.digits(n));

        long started = System.nanoTime();
        List<MergedContact> people = merger.merge(contacts);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(people).hasSize(50_000).allMatch(m -> m.members().size() == 2);
        assertThat(millis).as("merge time in ms").isLessThan(5_000);
    }
}
