package org.contactsync.directory.phonebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneType;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class GrandstreamPhonebookTest extends PhonebookFormatContract {
    @Override
    PhonebookFormat format() {
        return new GrandstreamPhonebook();
    }

    @Override
    String rootName() {
        return "AddressBook";
    }

    @Override
    String namesXPath() {
        return "/AddressBook/Contact/FirstName";
    }

    @Override
    String numbersXPath() {
        return "/AddressBook/Contact/Phone/phonenumber";
    }

    @Override
    void assertWithinLimits(Document doc) {
        assertThat(values(doc, "//FirstName | //LastName")).allMatch(n -> n.codePointCount(0, n.length())
                <= GrandstreamPhonebook.MAX_NAME);
        assertThat(values(doc, "//Contact")).hasSizeLessThanOrEqualTo(GrandstreamPhonebook.MAX_CONTACTS);
        assertThat(values(doc, "//accountindex")).allMatch(a -> a.matches("[0-5]"));
        assertThat(values(doc, "//Phone/@type")).allMatch(t -> List.of("Work", "Home", "Mobile", "Other").contains(t));
    }

    @Override
    boolean markedFavourite(Document doc, String namePrefix) {
        return values(doc, "/AddressBook/Contact[starts-with(FirstName, '" + namePrefix + "')]/Frequent")
                .contains("1");
    }

    @Test
    void labelsBecomePbgroupsAndContactsPointToTheirGroup() {
        Document doc = parse(render(snapshot(List.of(
                Contact.builder("a").displayName("Anna").givenName("Anna").group("Friends & Family")
                        .phone("+49 30 1", PhoneType.HOME).build())), 1));

        assertThat(values(doc, "/AddressBook/pbgroup/name")).containsExactly("Friends & Family");
        assertThat(values(doc, "/AddressBook/Contact/Group")).containsExactly(
                values(doc, "/AddressBook/pbgroup/id").get(0));
    }
}
