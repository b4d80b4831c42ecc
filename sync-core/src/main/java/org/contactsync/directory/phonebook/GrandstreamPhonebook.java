package org.contactsync.directory.phonebook;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.contactsync.contact.PhoneType;
import org.contactsync.directory.DialRules;
import org.contactsync.directory.DirectoryContact;
import org.contactsync.directory.DirectorySnapshot;

/**
 * Grandstream downloadable phonebook ({@code phonebook.xml}): {@code AddressBook} with one {@code pbgroup} per
 * label and a {@code Contact} per contact with FirstName/LastName, {@code Frequent} 1 for favourites, typed
 * {@code Phone}s (Work, Home, Mobile, Other) each with {@code phonenumber} and {@code accountindex} 0 (the
 * first account), and {@code Group} with the id of its first label. Set on the phone as the phonebook XML
 * server path (P331 on GXP), with "Phonebook XML Download" enabled.
 */
public final class GrandstreamPhonebook implements PhonebookFormat {
    /** GXP16xx/17xx/21xx keep up to 2000 contacts in their phonebook. */
    static final int MAX_CONTACTS = 2000;
    static final int MAX_NAME = 64;
    static final int MAX_NUMBERS = 8;

    private static final Spec SPEC = new Spec("grandstream", "phonebook.xml", MAX_CONTACTS);

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public String render(DirectorySnapshot snapshot, DialRules rules, String title, int part) {
        List<DirectoryContact> these = PhonebookParts.of(snapshot, this, part);
        XmlOut x = new XmlOut(200 + these.size() * 220).comment(PhonebookParts.comment(snapshot, this, part));
        x.open("AddressBook", false).newline().element("version", "1").newline();
        Map<String, Integer> groupIds = new HashMap<>();
        int id = 1;
        for (String label : snapshot.labels().keySet()) {
            groupIds.put(label, id);
            x.open("pbgroup", false).element("id", Integer.toString(id)).element("name", XmlOut.chars(label, 32))
                    .close("pbgroup").newline();
            id++;
        }
        for (DirectoryContact c : these) {
            String[] names = Entries.firstLast(c);
            x.open("Contact", false).element("FirstName", XmlOut.chars(names[0], MAX_NAME))
                    .element("LastName", XmlOut.chars(names[1], MAX_NAME))
                    .element("Frequent", c.favourite() ? "1" : "0");
            for (Entries.Dialled d : Entries.numbers(c, rules, MAX_NUMBERS)) {
                x.open("Phone", false, "type", type(d.number().type())).element("phonenumber", d.dial())
                        .element("accountindex", "0").close("Phone");
            }
            if (!c.labels().isEmpty() && groupIds.containsKey(c.labels().get(0))) {
                x.element("Group", Integer.toString(groupIds.get(c.labels().get(0))));
            }
            x.close("Contact").newline();
        }
        return x.close("AddressBook").finish();
    }

    /** Grandstream's phone types: Work, Home, Mobile, Fax, Other. */
    private static String type(PhoneType t) {
        return switch (t) {
            case MOBILE -> "Mobile";
            case WORK, MAIN -> "Work";
            case HOME -> "Home";
            case OTHER -> "Other";
        };
    }
}
