package org.contactsync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.contactsync.contact.Contact;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.contact.PhoneType;
import org.contactsync.directory.merge.MergedContact;
import org.contactsync.directory.merge.Origin;
import org.junit.jupiter.api.Test;

/** The phone directory over several sources: one entry per person, on every page, in search and caller-ID. */
class MergedDirectoryTest {
    private static final String ROOT = "https://phones.example.com/directory";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final DirectorySnapshot.Options PL = new DirectorySnapshot.Options("PL", LabelFilter.ALL)
            .withSources(List.of("staff", "customers"));

    private final InMemoryContactStore store = new InMemoryContactStore();

    private Contact stored(String sourceId) {
        return store.findBySourceId(sourceId).orElseThrow();
    }

    private DirectorySnapshot annaInTwoSources() {
        store.write(List.of(
                Contact.builder("staff/anna").source("staff").displayName("Anna Nowak")
                        .phone("+48 22 123 45 67", PhoneType.WORK).build(),
                Contact.builder("customers/anna").source("customers").displayName("Nowak, A.")
                        .phone("22 123 45 67", PhoneType.MAIN).phone("+48 601 234 567", PhoneType.MOBILE).build(),
                Contact.builder("customers/piotr").source("customers").displayName("Piotr Zieliński")
                        .phone("+48 22 765 43 21", PhoneType.WORK).build()), List.of());
        return DirectorySnapshot.build(store, T0, PL);
    }

    @Test
    void aPersonInTwoSourcesIsOneEntryWithTheHigherSourcesNameAndBothNumbers() {
        DirectorySnapshot s = annaInTwoSources();

        assertThat(s.contacts()).extracting(DirectoryContact::name).containsExactly("Anna Nowak", "Piotr Zieliński");
        DirectoryContact anna = s.contacts().get(0);
        assertThat(anna.id()).isEqualTo(stored("staff/anna").id());
        assertThat(anna.phones()).extracting(DirectoryNumber::e164).as("listed as every entry's: mobile first")
                .containsExactly("+48601234567", "+48221234567");
    }

    @Test
    void theGroupPageListsTheMergedPairOnce() {
        DirectorySnapshot s = annaInTwoSources();

        CiscoXml page = CiscoXml.parse(new DirectoryPages("Contacts", "").group(s, ROOT, "2ABC", null).xml());

        assertThat(page.menuItems()).extracting(CiscoXml.Item::name).containsExactly("Anna Nowak");
        assertThat(s.search("nowak")).extracting(DirectoryContact::name).containsExactly("Anna Nowak");
        assertThat(s.search("601234")).extracting(DirectoryContact::name).containsExactly("Anna Nowak");
    }

    @Test
    void callerIdAnswersTheMergedNameForEitherSourcesNumber() {
        DirectorySnapshot s = annaInTwoSources();
        CallerIdLookup lookup = new CallerIdLookup(new DialRules("PL", "", DialRules.Form.AS_WRITTEN));

        assertThat(lookup.find(s, "+48601234567")).map(DirectoryContact::name).contains("Anna Nowak");
        assertThat(lookup.find(s, "221234567")).map(DirectoryContact::name).contains("Anna Nowak");
    }

    @Test
    void theSnapshotKeepsWhereAMergedEntryCameFrom() {
        DirectorySnapshot s = annaInTwoSources();
        Contact staff = stored("staff/anna");
        Contact customer = stored("customers/anna");

        assertThat(s.merges()).singleElement().satisfies(m -> assertThat(m.origins()).containsExactly(
                new Origin("staff", "staff/anna", staff.id()), new Origin("customers", "customers/anna",
                        customer.id())));
        assertThat(s.mergeOf(customer.id())).map(MergedContact::winner).contains(staff);
        assertThat(s.contact(customer.id())).map(DirectoryContact::name).as("the member's old link")
                .contains("Anna Nowak");
        assertThat(s.mergeOf(stored("customers/piotr").id())).isEmpty();
    }

    @Test
    void aContactWithoutNumbersLinksTwoSourcesByEmail() {
        store.write(List.of(
                Contact.builder("a").source("staff").displayName("Ola").phone("+48 22 111 11 11", PhoneType.WORK)
                        .email("ola@example.pl").build(),
                Contact.builder("b").source("customers").displayName("Ola K").email("OLA@example.pl")
                        .email("ola.k@example.pl").build(),
                Contact.builder("c").source("suppliers").displayName("Aleksandra")
                        .email("ola.k@example.pl").phone("+48 601 000 000", PhoneType.MOBILE).build()), List.of());

        DirectorySnapshot s = DirectorySnapshot.build(store, T0, PL);

        assertThat(s.contacts()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Ola");
            assertThat(c.phones()).hasSize(2);
        });
    }

    @Test
    void withOneSourceNothingIsMergedAndTheFingerprintIsUnchanged() {
        store.write(DirectoryFixtures.contacts(500, 7), List.of());
        List<Contact> contacts = new java.util.ArrayList<>();
        store.forEach(contacts::add);

        DirectorySnapshot s = DirectorySnapshot.build(store, T0, PL);

        assertThat(s.merges()).isEmpty();
        assertThat(s.size()).isEqualTo((int) contacts.stream().filter(Contact::hasPhone).count());
        assertThat(s.fingerprint()).isEqualTo(DirectorySnapshot.of(store.version(), contacts, T0,
                new DirectorySnapshot.Options("PL", LabelFilter.ALL)).fingerprint());
    }
}
