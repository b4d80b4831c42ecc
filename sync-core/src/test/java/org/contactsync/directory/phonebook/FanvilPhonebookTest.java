package org.contactsync.directory.phonebook;

import static org.assertj.core.api.Assertions.assertThat;

import org.w3c.dom.Document;

class FanvilPhonebookTest extends PhonebookFormatContract {
    @Override
    PhonebookFormat format() {
        return new FanvilPhonebook();
    }

    @Override
    String rootName() {
        return "PhoneBook";
    }

    @Override
    String namesXPath() {
        return "/PhoneBook/DirectoryEntry/Name";
    }

    @Override
    String numbersXPath() {
        return "/PhoneBook/DirectoryEntry/*[self::Telephone or self::Mobile or self::Other][string-length() > 0]";
    }

    @Override
    void assertWithinLimits(Document doc) {
        assertThat(values(doc, "//Name")).allMatch(n -> n.codePointCount(0, n.length()) <= FanvilPhonebook.MAX_NAME);
        assertThat(values(doc, "//DirectoryEntry")).hasSizeLessThanOrEqualTo(FanvilPhonebook.MAX_CONTACTS);
    }

    @Override
    boolean markedFavourite(Document doc, String namePrefix) {
        // Fanvil's file has no favourite flag: favourites are listed first instead.
        return values(doc, "/PhoneBook/DirectoryEntry[1]/Name").get(0).startsWith(namePrefix);
    }
}
