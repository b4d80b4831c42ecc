package org.contactsync.directory.phonebook;

import org.contactsync.directory.DialRules;
import org.contactsync.directory.DirectorySnapshot;

/**
 * One vendor's downloadable phonebook file, rendered from the {@link DirectorySnapshot}: the phone fetches it on
 * a schedule from {@code /directory/<vendor>/<file>}. Adding a vendor is one implementation plus its test (a
 * subclass of the shared contract test).
 *
 * <p>A file holds at most {@link #maxContacts()} contacts (the vendor's documented limit, or what its phones
 * handle well); a bigger address book is split into parts ({@code ?part=N}), and every part says in a comment
 * which contacts it holds and how many parts there are, so nothing is dropped without a count.
 */
public interface PhonebookFormat {
    /**
     * What names a format and bounds its files.
     *
     * @param vendor      the path segment and the name people know: "yealink", "grandstream" …
     * @param fileName    the file name in the URL, e.g. "phonebook.xml"
     * @param maxContacts the most contacts one file (part) holds
     */
    record Spec(String vendor, String fileName, int maxContacts) {
    }

    Spec spec();

    default String vendor() {
        return spec().vendor();
    }

    default String fileName() {
        return spec().fileName();
    }

    default int maxContacts() {
        return spec().maxContacts();
    }

    /** Whether favourites come first in the file (for formats without a favourite flag). */
    default boolean favouritesFirst() {
        return false;
    }

    /** The file, part {@code part} (from 1) of {@link PhonebookParts#count}; numbers dialled by {@code rules}. */
    String render(DirectorySnapshot snapshot, DialRules rules, String title, int part);
}
