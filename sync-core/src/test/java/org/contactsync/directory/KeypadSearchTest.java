package org.contactsync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneType;
import org.junit.jupiter.api.Test;

class KeypadSearchTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static DirectorySnapshot snapshot(Contact... contacts) {
        return DirectorySnapshot.of(1, List.of(contacts), T0);
    }

    private static Contact contact(String id, String name, String org, String number) {
        return Contact.builder(id).displayName(name).organization(org).phone(number, PhoneType.MOBILE).build();
    }

    private static List<String> names(List<DirectoryContact> cs) {
        return cs.stream().map(DirectoryContact::name).toList();
    }

    private final DirectorySnapshot people = snapshot(
            contact("1", "Agnieszka Wójcik", null, "+48 22 111 2222"),
            contact("2", "Marek Nowak", null, "+48 22 333 4444"),
            contact("7", "Marek Zieliński", null, "+48 22 626 2720"),
            contact("3", "Jürgen Straße", "Müller GmbH", "+49 30 1234567"),
            contact("4", "Жанна Новикова", null, "+7 495 765 4321"),
            contact("5", "Σοφία Παπαδοπούλου", null, "+30 21 0123 4567"),
            contact("6", "Öztürk Ömer", null, "+90 212 555 0101"));

    @Test
    void digitsTypedOnTheKeypadFindNamesWhoseWordsStartWithThoseKeys() {
        assertThat(names(people.search("9652"))).containsExactly("Agnieszka Wójcik");
        assertThat(names(people.search("62735"))).containsExactly("Marek Nowak", "Marek Zieliński");
        assertThat(names(people.search("6273"))).containsExactly("Marek Nowak", "Marek Zieliński");
        // "6272" does not spell Marek on an E.161 keypad (M-A-R-E is 6273); it finds the Marek whose number
        // holds those digits, as every digit query also searches numbers.
        assertThat(names(people.search("6272"))).containsExactly("Marek Zieliński");
        assertThat(names(people.search("96"))).containsExactly("Agnieszka Wójcik");
        assertThat(names(people.search("787"))).containsExactly("Jürgen Straße"); // Straße → strasse
    }

    @Test
    void diacriticsAreFoldedAndCyrillicAndGreekSpelledInLatinLetters() {
        assertThat(names(people.search("698"))).containsExactly("Öztürk Ömer"); // ö → 6, z → 9
        assertThat(names(people.search("92662"))).containsExactly("Жанна Новикова"); // Zanna
        assertThat(names(people.search("76744"))).containsExactly("Σοφία Παπαδοπούλου"); // Sophia
        assertThat(names(people.search("6855"))).containsExactly("Jürgen Straße"); // Müller, the organisation
    }

    @Test
    void digitsAlsoFindNumbersContainingThem() {
        assertThat(names(people.search("4444"))).containsExactly("Marek Nowak");
        assertThat(names(people.search("301234567"))).containsExactly("Jürgen Straße");
        assertThat(names(people.search("+49 30 123"))).containsExactly("Jürgen Straße");
    }

    @Test
    void lettersStillWork() {
        assertThat(names(people.search("wój"))).containsExactly("Agnieszka Wójcik");
        assertThat(names(people.search("wojc"))).containsExactly("Agnieszka Wójcik");
        assertThat(names(people.search("mul"))).containsExactly("Jürgen Straße");
        assertThat(names(people.search("marek no"))).containsExactly("Marek Nowak");
        assertThat(names(people.search("xyz"))).isEmpty();
    }

    @Test
    void theIndexGivesTheSameResultsAsScanningEveryContactOnTenThousand() {
        List<Contact> contacts = DirectoryFixtures.contacts(10_000, 7);
        DirectorySnapshot s = DirectorySnapshot.of(1, contacts, T0);
        Transliteration t = new Transliteration();
        for (String q : List.of("6", "27", "6855", "92662", "555", "0102", "4930000", "anna", "ö", "van der", "+1 (555)")) {
            List<String> scanned = new ArrayList<>();
            for (DirectoryContact c : s.contacts()) {
                if (scanMatches(c, q, t)) {
                    scanned.add(c.name());
                }
            }
            assertThat(names(s.search(q))).as(q).isEqualTo(scanned);
        }
    }

    /** The plain definition the index must agree with, checked contact by contact. */
    private static boolean scanMatches(DirectoryContact c, String q, Transliteration t) {
        org.contactsync.contact.ContactQuery query = new org.contactsync.contact.ContactQuery(q, 1, 0);
        boolean keypad = q.chars().allMatch(ch -> Character.isDigit(ch) || ch == ' ');
        if (keypad) {
            String digits = q.replace(" ", "");
            for (String w : t.keypadWords(c.name())) {
                if (w.startsWith(digits)) {
                    return true;
                }
            }
            for (String w : t.keypadWords(c.organization())) {
                if (w.startsWith(digits)) {
                    return true;
                }
            }
        }
        String digits = query.phoneDigits();
        if (!digits.isEmpty()) {
            return c.phones().stream().anyMatch(p -> org.contactsync.contact.PhoneNumbers.matches(p.digits(), digits));
        }
        if (keypad) {
            return false;
        }
        String f = query.foldedText();
        return c.foldedName().startsWith(f) || c.foldedName().contains(" " + f) || c.foldedName().contains("-" + f)
                || (!c.foldedOrganization().isEmpty() && (c.foldedOrganization().startsWith(f)
                || c.foldedOrganization().contains(" " + f) || c.foldedOrganization().contains("-" + f)));
    }

    @Test
    void twinsGetWhatTellsThemApartWithinTheNameLimit() {
        DirectorySnapshot s = snapshot(
                contact("1", "Agnieszka Wójcik", "Acme", "+48 22 111 0001"),
                contact("2", "Agnieszka Wójcik", "Globex", "+48 22 111 0002"),
                contact("3", "Agnieszka Wójcik", null, "+48 22 111 0003"),
                contact("4", "Agnieszka Wójcik", null, "+48 22 111 0004"),
                Contact.builder("5").displayName("Agnieszka Wójcik").phone("+48 22 111 0004", PhoneType.WORK).build(),
                contact("6", "Agnieszka Wójcik-Kowalska von und zu Hohenberg", "A", "1"),
                contact("7", "Agnieszka Wójcik-Kowalska von und zu Hohenberg", "B", "2"),
                contact("8", "Solo", null, "3"));

        List<String> shown = s.contacts().stream().map(c -> c.shownName(CiscoXmlWriter.MAX_LINE)).toList();

        assertThat(shown).doesNotHaveDuplicates().allSatisfy(n -> assertThat(n.codePointCount(0, n.length()))
                .isLessThanOrEqualTo(CiscoXmlWriter.MAX_LINE));
        assertThat(shown).contains("Agnieszka Wójcik (Acme)", "Agnieszka Wójcik (Globex)",
                "Agnieszka Wójcik (Mobile 0003)", "Agnieszka Wójcik (Work 0004)", "Solo");
        assertThat(shown).anyMatch(n -> n.endsWith("(A)")).anyMatch(n -> n.endsWith("(B)"));
    }

    @Test
    void aBroadSearchIsKeptForTheNextPhoneAndANarrowOneIsAnsweredAfresh() {
        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < SearchIndex.KEEP_FROM; i++) {
            many.add(contact("a" + i, "Anna " + i, null, "+1 555 010 " + (1000 + i)));
        }
        many.add(contact("b", "Bogdan", null, "+1 555 020 0000"));
        DirectorySnapshot snapshot = DirectorySnapshot.of(1, many, T0);

        List<DirectoryContact> first = snapshot.search("26");
        assertThat(first).hasSize(SearchIndex.KEEP_FROM + 1); // "an" and "bo" are both 2-6 on the keypad
        assertThat(snapshot.search("26")).isSameAs(first).isUnmodifiable();
        assertThat(snapshot.search("bog")).isNotSameAs(snapshot.search("bog")).hasSize(1);
    }
}
