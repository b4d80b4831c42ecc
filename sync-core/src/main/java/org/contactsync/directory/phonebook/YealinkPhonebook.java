package org.contactsync.directory.phonebook;

import java.util.List;
import java.util.Map;

import org.contactsync.directory.DialRules;
import org.contactsync.directory.DirectoryContact;
import org.contactsync.directory.DirectorySnapshot;

/**
 * Yealink remote phonebook ({@code YealinkIPPhoneBook}): {@code Menu}s (Favourites first, then all contacts,
 * then one per label) of {@code Unit}s with a Name and up to three numbers (Phone1..Phone3). Yealink phones have
 * no favourite flag in this file, so favourites are their own menu at the top. Set on the phone as a remote
 * phone book URL ({@code remote_phonebook.data.1.url}).
 */
public final class YealinkPhonebook implements PhonebookFormat {
    /** Name shown per entry; Yealink's own examples stay short and the T4x list shows about this many. */
    static final int MAX_NAME = 99;
    /** Contacts per file: what the phones load without slowing down; the rest go to further parts. */
    static final int MAX_CONTACTS = 1000;

    private static final Spec SPEC = new Spec("yealink", "phonebook.xml", MAX_CONTACTS);

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public String render(DirectorySnapshot snapshot, DialRules rules, String title, int part) {
        List<DirectoryContact> these = PhonebookParts.of(snapshot, this, part);
        XmlOut x = new XmlOut(200 + these.size() * 160).comment(PhonebookParts.comment(snapshot, this, part));
        x.open("YealinkIPPhoneBook", false).newline().element("Title", XmlOut.chars(title, 32)).newline();
        if (part == 1 && !snapshot.favourites().isEmpty()) {
            menu(x, "Favourites", snapshot.favourites().subList(0, Math.min(MAX_CONTACTS,
                    snapshot.favourites().size())), rules);
        }
        menu(x, "All contacts", these, rules);
        if (part == 1) {
            for (Map.Entry<String, List<DirectoryContact>> l : snapshot.labels().entrySet()) {
                List<DirectoryContact> members = l.getValue();
                menu(x, l.getKey(), members.subList(0, Math.min(MAX_CONTACTS, members.size())), rules);
            }
        }
        return x.close("YealinkIPPhoneBook").finish();
    }

    private static void menu(XmlOut x, String name, List<DirectoryContact> contacts, DialRules rules) {
        x.open("Menu", false, "Name", XmlOut.chars(name, 32)).newline();
        for (DirectoryContact c : contacts) {
            List<Entries.Dialled> numbers = Entries.numbers(c, rules, 3);
            String[] attrs = new String[2 + numbers.size() * 2];
            attrs[0] = "Name";
            attrs[1] = c.shownName(MAX_NAME);
            for (int i = 0; i < numbers.size(); i++) {
                attrs[2 + i * 2] = "Phone" + (i + 1);
                attrs[3 + i * 2] = numbers.get(i).dial();
            }
            x.open("Unit", true, attrs).newline();
        }
        x.close("Menu").newline();
    }
}
