package org.contactsync.directory.phonebook;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.contactsync.directory.DialRules;
import org.contactsync.directory.DirectoryContact;
import org.contactsync.directory.DirectorySnapshot;

/**
 * Polycom (SoundPoint IP / VVX) contact directory file ({@code 000000000000-directory.xml} on the boot
 * server): {@code directory}/{@code item_list}/{@code item} with {@code fn}, {@code ln} (UTF-8, at most 40 bytes
 * each), {@code ct} (the number; never empty nor twice in one file) and {@code sd} (speed-dial index 1..9999,
 * given to favourites in order). One item per number: a contact with several gets one item each, the type
 * added to the last name ("Smith (Mobile)").
 */
public final class PolycomDirectory implements PhonebookFormat {
    /** fn and ln: "UTF-8 encoded string of up to 40 bytes". */
    static final int MAX_NAME_BYTES = 40;
    /** Highest speed-dial index. */
    static final int MAX_SPEED_DIAL = 9999;
    /** Contacts per file (each may give several items). */
    static final int MAX_CONTACTS = 1000;
    static final int MAX_NUMBERS = 4;

    private static final Spec SPEC = new Spec("polycom", "000000000000-directory.xml", MAX_CONTACTS);

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public String render(DirectorySnapshot snapshot, DialRules rules, String title, int part) {
        List<DirectoryContact> these = PhonebookParts.of(snapshot, this, part);
        XmlOut x = new XmlOut(200 + these.size() * 160).comment(PhonebookParts.comment(snapshot, this, part));
        x.open("directory", false).newline().open("item_list", false).newline();
        Set<String> contacts = new HashSet<>();
        int speedDial = 0;
        int skipped = 0;
        for (DirectoryContact c : these) {
            String[] names = Entries.firstLast(c);
            List<Entries.Dialled> numbers = Entries.numbers(c, rules, MAX_NUMBERS);
            boolean first = true;
            for (Entries.Dialled d : numbers) {
                if (!contacts.add(d.dial())) {
                    skipped++; // ct must be unique in the file: the number is already listed under someone
                    continue;
                }
                String last = numbers.size() > 1 ? (names[1] + " (" + d.number().type().label() + ")").strip()
                        : names[1];
                x.open("item", false).element("ln", XmlOut.utf8Bytes(last, MAX_NAME_BYTES))
                        .element("fn", XmlOut.utf8Bytes(names[0], MAX_NAME_BYTES)).element("ct", d.dial());
                if (first && c.favourite() && speedDial < MAX_SPEED_DIAL) {
                    x.element("sd", Integer.toString(++speedDial));
                }
                first = false;
                x.close("item").newline();
            }
        }
        x.close("item_list").newline();
        if (skipped > 0) {
            x.comment(skipped + " numbers listed under two contacts appear once, under the first");
        }
        return x.close("directory").finish();
    }
}
