package org.contactsync.directory.phonebook;

import static org.assertj.core.api.Assertions.assertThat;

import org.w3c.dom.Document;

class YealinkPhonebookTest extends PhonebookFormatContract {
    @Override
    PhonebookFormat format() {
        return new YealinkPhonebook();
    }

    @Override
    String rootName() {
        return "YealinkIPPhoneBook";
    }

    @Override
    String namesXPath() {
        return "/YealinkIPPhoneBook/Menu[@Name='All contacts']/Unit/@Name";
    }

    @Override
    String numbersXPath() {
        return "/YealinkIPPhoneBook/Menu[@Name='All contacts']/Unit/@*[starts-with(name(), 'Phone')]";
    }

    @Override
    void assertWithinLimits(Document doc) {
        assertThat(values(doc, "//Unit/@Name")).allMatch(n -> n.codePointCount(0, n.length())
                <= YealinkPhonebook.MAX_NAME);
        assertThat(values(doc, "//Unit[@Phone4]")).isEmpty();
        assertThat(values(doc, "/YealinkIPPhoneBook/Menu[@Name='All contacts']/Unit"))
                .hasSizeLessThanOrEqualTo(YealinkPhonebook.MAX_CONTACTS);
    }

    @Override
    boolean markedFavourite(Document doc, String namePrefix) {
        return !values(doc, "/YealinkIPPhoneBook/Menu[1][@Name='Favourites']/Unit[starts-with(@Name, '" + namePrefix
                + "')]").isEmpty();
    }
}
