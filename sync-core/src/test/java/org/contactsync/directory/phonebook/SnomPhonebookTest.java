package org.contactsync.directory.phonebook;

import static org.assertj.core.api.Assertions.assertThat;

import org.w3c.dom.Document;

class SnomPhonebookTest extends PhonebookFormatContract {
    @Override
    PhonebookFormat format() {
        return new SnomPhonebook();
    }

    @Override
    String rootName() {
        return "tbook";
    }

    @Override
    String namesXPath() {
        return "/tbook/contact/first_name";
    }

    @Override
    String numbersXPath() {
        return "/tbook/contact/numbers/number/@no";
    }

    @Override
    void assertWithinLimits(Document doc) {
        assertThat(values(doc, "/tbook/@complete")).containsExactly("true");
        assertThat(values(doc, "/tbook/@version")).containsExactly("2.0");
        assertThat(values(doc, "//first_name | //last_name")).allMatch(n -> n.codePointCount(0, n.length())
                <= SnomPhonebook.MAX_NAME);
        assertThat(values(doc, "/tbook/contact")).hasSizeLessThanOrEqualTo(SnomPhonebook.MAX_CONTACTS);
    }

    @Override
    boolean markedFavourite(Document doc, String namePrefix) {
        return values(doc, "/tbook/contact[starts-with(first_name, '" + namePrefix + "')]/@fav").contains("true");
    }
}
