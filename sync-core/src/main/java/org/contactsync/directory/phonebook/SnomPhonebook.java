package org.contactsync.directory.phonebook;

import java.util.List;

import org.contactsync.contact.PhoneType;
import org.contactsync.directory.DialRules;
import org.contactsync.directory.DirectoryContact;
import org.contactsync.directory.DirectorySnapshot;

/**
 * Snom remote XML directory ({@code tbook}, version 2.0, firmware 10.1.178 and later): {@code complete="true"}
 * so the phone replaces its copy (the only way entries are ever removed), {@code e="2"} for characters above
 * 255, one {@code contact} per contact with {@code fav}, first_name/last_name, organization, group (first label)
 * and typed {@code number}s. Downloaded periodically into the phone's local directory.
 */
public final class SnomPhonebook implements PhonebookFormat {
    /** The phones' local directory holds 1000 entries on D3xx/D7xx. */
    static final int MAX_CONTACTS = 1000;
    static final int MAX_NAME = 64;
    static final int MAX_NUMBERS = 8;

    private static final Spec SPEC = new Spec("snom", "tbook.xml", MAX_CONTACTS);

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public String render(DirectorySnapshot snapshot, DialRules rules, String title, int part) {
        List<DirectoryContact> these = PhonebookParts.of(snapshot, this, part);
        XmlOut x = new XmlOut(200 + these.size() * 240).comment(PhonebookParts.comment(snapshot, this, part));
        x.open("tbook", false, "e", "2", "version", "2.0", "complete", "true").newline();
        for (DirectoryContact c : these) {
            String[] names = Entries.firstLast(c);
            x.open("contact", false, "fav", Boolean.toString(c.favourite()), "vip", "false", "blocked", "false")
                    .element("first_name", XmlOut.chars(names[0], MAX_NAME))
                    .element("last_name", XmlOut.chars(names[1], MAX_NAME));
            if (!c.organization().isEmpty()) {
                x.element("organization", XmlOut.chars(c.organization(), MAX_NAME));
            }
            if (!c.labels().isEmpty()) {
                x.element("group", XmlOut.chars(c.labels().get(0), 32));
            }
            x.open("numbers", false);
            for (Entries.Dialled d : Entries.numbers(c, rules, MAX_NUMBERS)) {
                x.open("number", true, "no", d.dial(), "type", type(d.number().type()), "outgoing_id", "0");
            }
            x.close("numbers").close("contact").newline();
        }
        return x.close("tbook").finish();
    }

    private static String type(PhoneType t) {
        return switch (t) {
            case MOBILE -> "mobile";
            case HOME -> "home";
            case WORK, MAIN -> "business";
            case OTHER -> "fixed";
        };
    }
}
