package org.contactsync.directory.phonebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneType;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class PolycomDirectoryTest extends PhonebookFormatContract {
    @Override
    PhonebookFormat format() {
        return new PolycomDirectory();
    }

    @Override
    String rootName() {
        return "directory";
    }

    @Override
    String namesXPath() {
        return "/directory/item_list/item/fn";
    }

    @Override
    String numbersXPath() {
        return "/directory/item_list/item/ct";
    }

    @Override
    void assertWithinLimits(Document doc) {
        assertThat(values(doc, "//fn | //ln")).allMatch(n -> n.getBytes(StandardCharsets.UTF_8).length
                <= PolycomDirectory.MAX_NAME_BYTES);
        List<String> ct = values(doc, "//ct");
        assertThat(ct).doesNotHaveDuplicates().noneMatch(String::isEmpty);
        assertThat(values(doc, "//sd")).allMatch(sd -> Integer.parseInt(sd) >= 1 && Integer.parseInt(sd) <= 9999);
    }

    @Override
    boolean markedFavourite(Document doc, String namePrefix) {
        return !values(doc, "//item[starts-with(fn, '" + namePrefix + "')]/sd").isEmpty();
    }

    @Test
    void aNumberOfTwoContactsIsListedOnceAndTheFileSaysSo() {
        String xml = render(snapshot(List.of(
                Contact.builder("a").displayName("Anna").phone("+49 30 111", PhoneType.WORK).build(),
                Contact.builder("b").displayName("Bert").phone("+49 30 111", PhoneType.WORK).build())), 1);

        assertThat(values(parse(xml), "//ct")).containsExactly("+4930111");
        assertThat(xml).contains("1 numbers listed under two contacts appear once");
    }
}
