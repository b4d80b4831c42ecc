package org.contactsync.directory.phonebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;


import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;
import org.contactsync.directory.DialRules;
import org.contactsync.directory.DirectoryFixtures;
import org.contactsync.directory.DirectorySnapshot;
import org.contactsync.directory.XmlDoc;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * What every downloadable phonebook format must do, run once per vendor by a subclass that says where its
 * format keeps names, numbers and the favourite flag. Outputs are parsed with the JDK's XML parser.
 */
abstract class PhonebookFormatContract {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final List<String> HOSTILE = List.of("<img src=x onerror=alert(1)>", "Bob & \"Alice\"",
            "N".repeat(300), "Emoji 😀👍🏽 Smile", "שלום עליכם", "مرحبا بالعالم", "Zed ]]> -- ' \"");

    abstract PhonebookFormat format();

    abstract String rootName();

    /** XPath of the nodes (elements or attributes) holding the names shown. */
    abstract String namesXPath();

    /** XPath of the nodes holding the dialled numbers. */
    abstract String numbersXPath();

    /** The documented per-field limits, checked on a parsed document. */
    abstract void assertWithinLimits(Document doc);

    /** Whether the file marks the contact listed under this name (prefix) as a favourite. */
    abstract boolean markedFavourite(Document doc, String namePrefix);

    static Document parse(String xml) {
        return XmlDoc.parse(xml);
    }

    static List<String> values(Document doc, String xpath) {
        return XmlDoc.values(doc, xpath);
    }

    static DirectorySnapshot snapshot(List<Contact> contacts) {
        return DirectorySnapshot.of(1, contacts, T0, new DirectorySnapshot.Options("DE", null));
    }

    String render(DirectorySnapshot s, int part) {
        return format().render(s, DialRules.none(), "Contacts & Co", part);
    }

    @Test
    void anEmptyAddressBookIsOneWellFormedFile() {
        DirectorySnapshot s = snapshot(List.of());
        assertThat(PhonebookParts.count(s, format())).isEqualTo(1);
        assertThat(parse(render(s, 1)).getDocumentElement().getTagName()).isEqualTo(rootName());
    }

    @Test
    void hostileNamesStayWellFormedEscapedAndReadableWithinTheLimits() {
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            contacts.add(Contact.builder("h" + i).displayName(HOSTILE.get(i))
                    .phone("+49 30 100" + i, PhoneType.WORK).build());
        }
        String xml = render(snapshot(contacts), 1);
        Document doc = parse(xml);

        assertThat(doc.getDocumentElement().getTagName()).isEqualTo(rootName());
        assertThat(xml).doesNotContain("<img").contains("&lt;img");
        List<String> names = values(doc, namesXPath());
        String joined = String.join("\n", names);
        assertThat(joined).contains("<img src=x onerror=alert(1)>", "Bob & \"Alice\"", "Emoji 😀👍🏽 Smile",
                "שלום עליכם", "مرحبا بالعالم", "Zed ]]> -- ' \"", "NNNNNNNNNN");
        assertThat(names).noneMatch(n -> n.length() >= 300);
        assertThat(values(doc, numbersXPath())).allMatch(n -> n.matches("\\+?[0-9*#]+"));
        assertWithinLimits(doc);
    }

    @Test
    void tenThousandContactsAreSplitIntoCountedPartsWithEveryContactExactlyOnce() {
        DirectorySnapshot s = snapshot(DirectoryFixtures.contacts(10_000, 42));
        int parts = PhonebookParts.count(s, format());
        assertThat(parts).isEqualTo((s.size() + format().maxContacts() - 1) / format().maxContacts());

        Set<String> firstNumbers = new HashSet<>();
        List<String> seen = new ArrayList<>();
        for (int p = 1; p <= parts; p++) {
            String xml = render(s, p);
            assertThat(xml).contains("part " + p + " of " + parts);
            Document doc = parse(xml);
            assertWithinLimits(doc);
            seen.addAll(values(doc, numbersXPath()));
        }
        // Every contact's first number (unique in the fixture) is in exactly one part.
        s.contacts().forEach(c -> firstNumbers.add(DialRules.none().dial(c.firstNumber().number(),
                c.firstNumber().e164())));
        assertThat(seen).containsAll(firstNumbers);
        assertThat(seen.stream().filter(firstNumbers::contains).count()).isEqualTo(firstNumbers.size());
    }

    @Test
    void favouritesCarryTheVendorsMarkAndNumbersFollowTheDialRules() {
        DirectorySnapshot s = snapshot(List.of(
                Contact.builder("f").displayName("Fiona Fav").group("starred")
                        .phone(PhoneNumber.primary("030 1234567", PhoneType.WORK)).build(),
                Contact.builder("n").displayName("Nora Normal").phone("+1 212 555 0100", PhoneType.MOBILE).build()));
        Document doc = parse(format().render(s, new DialRules("DE", "0", DialRules.Form.NATIONAL), "Contacts", 1));

        assertThat(markedFavourite(doc, "Fiona")).isTrue();
        assertThat(markedFavourite(doc, "Nora")).isFalse();
        assertThat(values(doc, numbersXPath())).contains("00301234567", "00012125550100");
    }
}
