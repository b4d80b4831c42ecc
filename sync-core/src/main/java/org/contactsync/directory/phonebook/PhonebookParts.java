package org.contactsync.directory.phonebook;

import java.util.ArrayList;
import java.util.List;

import org.contactsync.directory.DirectoryContact;
import org.contactsync.directory.DirectorySnapshot;

/** How an address book is split into parts of a format's {@link PhonebookFormat#maxContacts()}. */
public final class PhonebookParts {
    private PhonebookParts() {
    }

    /** How many parts the snapshot needs in this format (at least 1, so an empty book is one empty file). */
    public static int count(DirectorySnapshot snapshot, PhonebookFormat format) {
        return Math.max(1, (snapshot.size() + format.maxContacts() - 1) / format.maxContacts());
    }

    /** The contacts of one part, in display order. */
    static List<DirectoryContact> of(DirectorySnapshot snapshot, PhonebookFormat format, int part) {
        List<DirectoryContact> all = snapshot.contacts();
        if (format.favouritesFirst() && !snapshot.favourites().isEmpty()) {
            List<DirectoryContact> ordered = new ArrayList<>(all.size());
            ordered.addAll(snapshot.favourites());
            for (DirectoryContact c : all) {
                if (!c.favourite()) {
                    ordered.add(c);
                }
            }
            all = ordered;
        }
        int from = Math.min(all.size(), (part - 1) * format.maxContacts());
        int to = Math.min(all.size(), from + format.maxContacts());
        return all.subList(from, to);
    }

    /** The comment every file starts with: which contacts it holds, of how many, in how many parts. */
    static String comment(DirectorySnapshot snapshot, PhonebookFormat format, int part) {
        int parts = count(snapshot, format);
        List<DirectoryContact> these = of(snapshot, format, part);
        int from = (part - 1) * format.maxContacts();
        return "ContactSync " + format.vendor() + " phonebook, part " + part + " of " + parts + ": contacts "
                + (these.isEmpty() ? 0 : from + 1) + "-" + (from + these.size()) + " of " + snapshot.size()
                + (parts > 1 ? "; the other parts are at ?part=1.." + parts : "");
    }
}
