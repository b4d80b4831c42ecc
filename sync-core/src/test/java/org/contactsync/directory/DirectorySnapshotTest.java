package org.contactsync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactQuery;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;
import org.junit.jupiter.api.Test;

class DirectorySnapshotTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final InMemoryContactStore store = new InMemoryContactStore();

    @Test
    void listsOnlyContactsWithADialableNumber() {
        store.write(List.of(
                Contact.builder("a").displayName("Anna").phone("+1 555 0100", PhoneType.MOBILE).build(),
                Contact.builder("b").displayName("Bert").email("bert@example.com").build(),
                Contact.builder("c").displayName("Carl").phone("n/a", PhoneType.WORK).build()), List.of());

        DirectorySnapshot s = DirectorySnapshot.build(store, T0);

        assertThat(s.contacts()).extracting(DirectoryContact::name).containsExactly("Anna");
        assertThat(s.contact(store.findBySourceId("b").orElseThrow().id())).isEmpty();
    }

    @Test
    void sortsAsTheStoresDoAndGroupsByKeypad() {
        store.write(List.of(
                contact("1", "zoë"), contact("2", "Ömer"), contact("3", "Anna"), contact("4", "Oscar"),
                contact("5", "李"), contact("6", "+44 20 7946 0000"), contact("7", "anders")), List.of());

        DirectorySnapshot s = DirectorySnapshot.build(store, T0);

        assertThat(s.contacts()).extracting(DirectoryContact::name)
                .containsExactly("+44 20 7946 0000", "anders", "Anna", "Ömer", "Oscar", "zoë", "李");
        assertThat(s.group(KeypadGroup.ABC)).extracting(DirectoryContact::name).containsExactly("anders", "Anna");
        assertThat(s.group(KeypadGroup.MNO)).extracting(DirectoryContact::name).containsExactly("Ömer", "Oscar");
        assertThat(s.group(KeypadGroup.ONE)).extracting(DirectoryContact::name).containsExactly("+44 20 7946 0000");
        assertThat(s.group(KeypadGroup.ZERO)).extracting(DirectoryContact::name).containsExactly("李");
        assertThat(s.group(KeypadGroup.MNO)).extracting(DirectoryContact::position).containsExactly(0, 1);
    }

    @Test
    void ordersExactlyAsTheStoresComparator() {
        List<Contact> contacts = DirectoryFixtures.contacts(2_000, 3);
        store.write(contacts, List.of());
        List<Contact> expected = new ArrayList<>();
        store.forEach(c -> {
            if (c.hasPhone()) {
                expected.add(c);
            }
        });
        expected.sort(InMemoryContactStore.BY_NAME);
        List<Contact> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);

        DirectorySnapshot s = DirectorySnapshot.of(1, reversed, T0);

        assertThat(s.contacts()).extracting(DirectoryContact::id)
                .containsExactlyElementsOf(expected.stream().map(Contact::id).toList());
    }

    @Test
    void ordersNumbersPrimaryFirstThenByType() {
        store.write(List.of(Contact.builder("x").displayName("X")
                .phone("1 other", PhoneType.OTHER).phone("2 home", PhoneType.HOME).phone("3 work", PhoneType.WORK)
                .phone(PhoneNumber.primary("4 home primary", PhoneType.HOME)).phone("5 mobile", PhoneType.MOBILE)
                .build()), List.of());

        DirectorySnapshot s = DirectorySnapshot.build(store, T0);

        assertThat(s.contacts().get(0).phones()).extracting(DirectoryNumber::number)
                .containsExactly("4 home primary", "5 mobile", "3 work", "2 home", "1 other");
    }

    @Test
    void findsByPartialNameAtAnyWordStartIgnoringCaseAndAccents() {
        store.write(List.of(contact("1", "Jürgen Müller"), contact("2", "Anna-Lena Meyer"),
                contact("3", "Samuel Jackson"), contact("4", "Łukasz Nowak")), List.of());
        DirectorySnapshot s = DirectorySnapshot.build(store, T0);

        assertThat(names(s.search("mul"))).containsExactly("Jürgen Müller");
        assertThat(names(s.search("JUR"))).containsExactly("Jürgen Müller");
        assertThat(names(s.search("lena"))).containsExactly("Anna-Lena Meyer");
        assertThat(names(s.search("lukasz"))).containsExactly("Łukasz Nowak");
        assertThat(names(s.search("uel"))).as("not in the middle of a word").isEmpty();
        assertThat(s.search("   ")).isEmpty();
    }

    @Test
    void findsByOrganisation() {
        store.write(List.of(Contact.builder("1").displayName("Pat").organization("Acme Widgets")
                .phone("555 0100", PhoneType.WORK).build()), List.of());

        assertThat(names(DirectorySnapshot.build(store, T0).search("widg"))).containsExactly("Pat");
    }

    @Test
    void findsByNumberTypedInAnyFormat() {
        store.write(List.of(
                Contact.builder("1").displayName("Dana").phone("+1 (555) 010-2000", PhoneType.WORK).build(),
                Contact.builder("2").displayName("Eve").phone("5550109999", PhoneType.MOBILE).build()), List.of());
        DirectorySnapshot s = DirectorySnapshot.build(store, T0);

        for (String typed : List.of("+1 (555) 010-2000", "15550102000", "555-010-2000", "5550102000", "010-20",
                "001 555 010 2000")) {
            assertThat(names(s.search(typed))).as(typed).containsExactly("Dana");
        }
        assertThat(names(s.search("555.010"))).containsExactly("Dana", "Eve");
        assertThat(s.search("55")).as("fewer than three digits match nothing").isEmpty();
    }

    @Test
    void searchAgreesWithTheReferenceQuerySemantics() {
        List<Contact> contacts = DirectoryFixtures.contacts(500, 7);
        store.write(contacts, List.of());
        DirectorySnapshot s = DirectorySnapshot.build(store, T0);

        for (String q : List.of("an", "öz", "li", "ж", "van", "o'b", "555", "+1 (555) 000-0042", "0049 30", "zz")) {
            List<Long> expected = new ArrayList<>();
            store.forEach(c -> {
                if (c.hasPhone() && new ContactQuery(q, 1, 0).matches(c)) {
                    expected.add(c.id());
                }
            });
            assertThat(s.search(q)).as(q).extracting(DirectoryContact::id).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void theFingerprintFollowsTheContentNotTheStoreVersion() {
        store.write(List.of(contact("1", "Anna")), List.of());
        DirectorySnapshot first = DirectorySnapshot.build(store, T0);
        store.write(List.of(Contact.builder("1").displayName("Anna").phone("555 0100", PhoneType.MOBILE)
                .email("new@example.com").build()), List.of());
        DirectorySnapshot emailOnly = DirectorySnapshot.build(store, T0);
        store.write(List.of(contact("1", "Anna B")), List.of());
        DirectorySnapshot renamed = DirectorySnapshot.build(store, T0);

        assertThat(emailOnly.version()).isGreaterThan(first.version());
        assertThat(emailOnly.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(renamed.fingerprint()).isNotEqualTo(first.fingerprint());
    }

    private static Contact contact(String sourceId, String name) {
        return Contact.builder(sourceId).displayName(name).phone("555 0100", PhoneType.MOBILE).build();
    }

    private static List<String> names(List<DirectoryContact> list) {
        return list.stream().map(DirectoryContact::name).toList();
    }
}
