package org.contactsync.directory.browse;

import java.util.List;

/**
 * One vendor's XML browser vocabulary (Yealink XML browser, Snom minibrowser): the four objects a directory
 * needs. {@link BrowsePages} does the navigation once for all of them; adding a browsing vendor is one
 * implementation plus a subclass of the shared contract test.
 */
public interface BrowseMarkup {
    /** A line that leads somewhere. */
    record Link(String name, String url) {
    }

    /** A number the phone dials when it is picked. */
    record Entry(String name, String telephone) {
    }

    /** Path segment: "yealink", "snom". */
    String vendor();

    /** Most menu lines on one page (a "Next..." and "Prev..." line come on top). */
    int pageSize();

    /** Characters of a title or line the phone shows. */
    int maxLine();

    /** The largest object in bytes of UTF-8 the phone takes ({@link Integer#MAX_VALUE} for no limit). */
    int maxBytes();

    /** A menu of links. */
    String menu(String title, List<Link> items);

    /** A list of numbers to dial, with links below them (Back, Menu). */
    String directory(String title, List<Entry> entries, List<Link> links);

    /** A one-field form: the phone opens {@code url} with {@code param=<typed text>} added. */
    String input(String title, String prompt, String url, String param);

    /** A message with a way back. */
    String text(String title, String body, Link back);
}
