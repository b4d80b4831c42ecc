package org.contactsync.directory.phonebook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.contactsync.directory.DialRules;
import org.contactsync.directory.DirectoryContact;
import org.contactsync.directory.DirectoryNumber;

/** What every phonebook format takes from a contact: its dialled numbers and its name split for the file. */
final class Entries {
    private Entries() {
    }

    /** A number with what the phone dials for it. */
    record Dialled(DirectoryNumber number, String dial) {
    }

    /** The contact's numbers as dialled by {@code rules}, each dial string once, at most {@code max}. */
    static List<Dialled> numbers(DirectoryContact c, DialRules rules, int max) {
        List<Dialled> result = new ArrayList<>(Math.min(max, c.phones().size()));
        Set<String> seen = new HashSet<>();
        for (DirectoryNumber n : c.phones()) {
            String dial = rules.dial(n.number(), n.e164());
            if (!dial.isEmpty() && seen.add(dial)) {
                result.add(new Dialled(n, dial));
                if (result.size() == max) {
                    break;
                }
            }
        }
        return result;
    }

    /**
     * First and last name for formats that have both: the source's given and family names when the display
     * name is just those two, else the display name as the first name. A twin's hint goes at the end.
     */
    static String[] firstLast(DirectoryContact c) {
        String given = c.givenName();
        String family = c.familyName();
        String first;
        String last;
        if (!given.isEmpty() && (given + " " + family).strip().equals(c.name().strip())) {
            first = given;
            last = family;
        } else {
            first = c.name();
            last = "";
        }
        if (!c.twinHint().isEmpty()) {
            if (last.isEmpty()) {
                first = first + " (" + c.twinHint() + ")";
            } else {
                last = last + " (" + c.twinHint() + ")";
            }
        }
        return new String[] {first, last};
    }
}
