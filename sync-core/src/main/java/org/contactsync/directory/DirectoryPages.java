package org.contactsync.directory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;

/**
 * Renders the pages of the phone directory from a {@link DirectorySnapshot}. Request parameters come in as the
 * raw strings the web layer received, so every check (and its message) lives here, once, for any web layer.
 *
 * <p>{@code root} is the absolute URL of the directory's main menu without a trailing slash, e.g.
 * {@code https://intranet.example.com/contactsync/directory}; every link on every page is built from it,
 * because the phones only follow absolute URLs.
 */
public final class DirectoryPages {
    /** Contacts per group or search page: well within the phones' 100 MenuItems, and quick to scroll. */
    public static final int DEFAULT_PAGE_SIZE = 32;
    /** Phones send at most this much as a search; longer input is refused rather than half-searched. */
    public static final int MAX_QUERY_LENGTH = 32;
    /** The most numbers one contact page lists (CiscoIPPhoneDirectory allows 32 entries). */
    public static final int MAX_ENTRIES = 32;

    private static final Pattern PAGE_NUMBER = Pattern.compile("\\d{1,9}");
    private static final Pattern ID = Pattern.compile("\\d{1,18}");

    private final String title;
    private final String dialPrefix;
    private final int pageSize;

    /**
     * @param title      the main menu's title (blank: "Contacts")
     * @param dialPrefix outside-line prefix dialled before numbers not in "+" form; null or blank for none
     */
    public DirectoryPages(String title, String dialPrefix) {
        this(title, dialPrefix, DEFAULT_PAGE_SIZE);
    }

    public DirectoryPages(String title, String dialPrefix, int pageSize) {
        String t = CiscoXmlWriter.clean(title, false);
        this.title = t.isEmpty() ? "Contacts" : t;
        this.dialPrefix = dialPrefix == null ? "" : dialPrefix.strip();
        if (!this.dialPrefix.isEmpty() && !this.dialPrefix.matches("[0-9*#]{1,8}")) {
            throw new IllegalArgumentException("The dial prefix may only hold up to 8 digits, * and #, was \""
                    + dialPrefix + "\"; set it to the outside-line code, e.g. 0 or 9, or leave it empty");
        }
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("pageSize must be 1..100 (the phones show at most 100 items), was "
                    + pageSize);
        }
        this.pageSize = pageSize;
    }

    public String title() {
        return title;
    }

    public String dialPrefix() {
        return dialPrefix;
    }

    public int pageSize() {
        return pageSize;
    }

    /** {@code GET /directory}: Search, then the keypad groups. */
    public DirectoryPage mainMenu(String root) {
        CiscoXmlWriter w = CiscoXmlWriter.menu().title(title).prompt("Choose a letter or Search");
        w.menuItem("Search", root + "/search");
        for (KeypadGroup g : KeypadGroup.values()) {
            w.menuItem(g.label(), groupUrl(root, g, 1));
        }
        return ok(w.softKey("Select", "SoftKey:Select", 1)
                .softKey("Help", root + "/help", 2)
                .softKey("Exit", "SoftKey:Exit", 4)
                .finish());
    }

    /** {@code GET /directory/groups/{group}?page=N} (pages count from 1; no page means 1). */
    public DirectoryPage group(DirectorySnapshot snapshot, String root, String groupParam, String pageParam) {
        KeypadGroup group = KeypadGroup.fromPath(groupParam).orElse(null);
        if (group == null) {
            return error(404, "No such group", "There is no group \"" + shown(groupParam) + "\". The groups are "
                    + groupList() + ".", root);
        }
        Integer page = parsePage(pageParam);
        if (page == null) {
            return badPage(pageParam, root);
        }
        List<DirectoryContact> members = snapshot.group(group);
        if (members.isEmpty()) {
            return page == 1
                    ? message(200, group.label(), "No contacts in " + group.label() + ".", root)
                    : error(404, "No such page", "Group " + group.label() + " has no contacts, so it has no page "
                    + page + ".", root);
        }
        int pages = pageCount(members.size());
        if (page > pages) {
            return error(404, "No such page", "Group " + group.label() + " has " + pages + " page"
                    + (pages == 1 ? "" : "s") + "; there is no page " + page + ".", root);
        }
        return contactMenu(members, page, pages, group.label(), root, p -> groupUrl(root, group, p));
    }

    /** {@code GET /directory/contacts/{id}}: one DirectoryEntry per number, primary first. */
    public DirectoryPage contact(DirectorySnapshot snapshot, String root, String idParam) {
        String raw = idParam == null ? "" : idParam.strip();
        if (!ID.matcher(raw).matches() || Long.parseLong(raw) == 0) {
            return error(400, "Bad contact id", "\"" + shown(idParam) + "\" is not a contact id. Pick the "
                    + "contact from a group or a search instead.", root);
        }
        long id = Long.parseLong(raw);
        DirectoryContact c = snapshot.contact(id).orElse(null);
        if (c == null) {
            return error(404, "Not found", "There is no contact " + id + " with a phone number. It may have been "
                    + "removed since this page was opened; look it up again.", root);
        }
        return ok(contactXml(c, root));
    }

    /** {@code GET /directory/search}: the input form. */
    public DirectoryPage searchForm(String root) {
        return ok(CiscoXmlWriter.input()
                .title("Search " + title)
                .prompt("Enter a name or number")
                .url(root + "/search")
                .inputItem("Name or number", "q", "", "A")
                .finish());
    }

    /**
     * {@code GET /directory/search?q=...&page=N}: no or blank text shows the form; one match goes straight to the
     * contact; several are a paged menu.
     */
    public DirectoryPage search(DirectorySnapshot snapshot, String root, String q, String pageParam) {
        String text = q == null ? "" : CiscoXmlWriter.clean(q, false);
        if (text.isEmpty()) {
            return searchForm(root);
        }
        if (text.codePointCount(0, text.length()) > MAX_QUERY_LENGTH) {
            return error(400, "Search too long", "Search for at most " + MAX_QUERY_LENGTH + " characters: part "
                    + "of a name, or at least three digits of a number.", root);
        }
        Integer page = parsePage(pageParam);
        if (page == null) {
            return badPage(pageParam, root);
        }
        List<DirectoryContact> matches = snapshot.search(text);
        if (matches.isEmpty()) {
            if (page != 1) {
                return error(404, "No such page", "The search \"" + text + "\" has no results, so it has no page "
                        + page + ".", root);
            }
            return ok(CiscoXmlWriter.text()
                    .title("No match")
                    .body("No contact matches \"" + text + "\". Try fewer letters, or at least three digits of "
                            + "the number.")
                    .softKey("Search", root + "/search", 1)
                    .softKey("Menu", root, 2)
                    .softKey("Exit", "SoftKey:Exit", 4)
                    .finish());
        }
        if (matches.size() == 1 && page == 1) {
            return ok(contactXml(matches.get(0), root));
        }
        int pages = pageCount(matches.size());
        if (page > pages) {
            return error(404, "No such page", "The search \"" + text + "\" has " + pages + " page"
                    + (pages == 1 ? "" : "s") + " of results; there is no page " + page + ".", root);
        }
        String base = root + "/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
        return contactMenu(matches, page, pages, "Search: " + text, root, p -> p == 1 ? base : base + "&page=" + p);
    }

    /** {@code GET /directory/help}. */
    public DirectoryPage help(String root) {
        return ok(CiscoXmlWriter.text()
                .title(title + " help")
                .body("Pick the key with the first letter of the name: 2ABC for Anna, 6MNO for Ömer. "
                        + "Group 1 holds names that start with a digit or +, group 0 names in other scripts "
                        + "and symbols.\nSearch finds part of a name, or a number typed in any form "
                        + "(at least three digits).\nOn a contact, pick a number and press Dial.")
                .softKey("Menu", root, 1)
                .softKey("Search", root + "/search", 2)
                .softKey("Exit", "SoftKey:Exit", 4)
                .finish());
    }

    /** A CiscoIPPhoneText error page with the given status; for errors the web layer finds itself. */
    public DirectoryPage error(int status, String heading, String message, String root) {
        return message(status, heading, message, root);
    }

    private DirectoryPage message(int status, String heading, String message, String root) {
        return new DirectoryPage(status, CiscoXmlWriter.text()
                .title(heading)
                .body(message)
                .softKey("Menu", root, 1)
                .softKey("Exit", "SoftKey:Exit", 4)
                .finish());
    }

    private DirectoryPage contactMenu(List<DirectoryContact> contacts, int page, int pages, String heading,
                                      String root, PageUrl pageUrl) {
        int from = (page - 1) * pageSize;
        int to = Math.min(contacts.size(), from + pageSize);
        String pageTitle = pages == 1 ? heading : page + "/" + pages + " " + heading;
        CiscoXmlWriter w = CiscoXmlWriter.menu()
                .title(pageTitle)
                .prompt((from + 1) + "-" + to + " of " + contacts.size());
        for (int i = from; i < to; i++) {
            DirectoryContact c = contacts.get(i);
            w.menuItem(c.name(), root + "/contacts/" + c.id());
        }
        w.softKey("Select", "SoftKey:Select", 1);
        if (page > 1) {
            w.softKey("Prev", pageUrl.of(page - 1), 2);
        }
        if (page < pages) {
            w.softKey("Next", pageUrl.of(page + 1), 3);
        }
        return ok(w.softKey("Exit", "SoftKey:Exit", 4).finish());
    }

    private String contactXml(DirectoryContact c, String root) {
        CiscoXmlWriter w = CiscoXmlWriter.directory().title(c.name()).prompt("Select a number and Dial");
        Map<PhoneType, Integer> seen = new EnumMap<>(PhoneType.class);
        Set<String> dialled = new HashSet<>();
        int entries = 0;
        for (PhoneNumber p : c.phones()) {
            String telephone = CiscoXmlWriter.telephone(p.number(), dialPrefix);
            if (telephone.isEmpty() || !dialled.add(telephone)) {
                continue; // the same number twice (e.g. as work and main) would only confuse
            }
            int n = seen.merge(p.type(), 1, Integer::sum);
            w.directoryEntry(n == 1 ? p.type().label() : p.type().label() + " " + n, telephone);
            if (++entries == MAX_ENTRIES) {
                break;
            }
        }
        int backPage = c.position() / pageSize + 1;
        return w.softKey("Dial", "SoftKey:Dial", 1)
                .softKey("EditDial", "SoftKey:EditDial", 2)
                .softKey("Back", groupUrl(root, c.group(), backPage), 3)
                .softKey("Exit", "SoftKey:Exit", 4)
                .finish();
    }

    private DirectoryPage badPage(String pageParam, String root) {
        return error(400, "Bad page number", "\"" + shown(pageParam) + "\" is not a page number. Pages are "
                + "numbered from 1; use Next and Prev to move between them.", root);
    }

    private int pageCount(int items) {
        return (items + pageSize - 1) / pageSize;
    }

    private static String groupUrl(String root, KeypadGroup g, int page) {
        String url = root + "/groups/" + g.label();
        return page == 1 ? url : url + "?page=" + page;
    }

    /** The page number, or null when it is not a whole number from 1 (absent means 1). */
    private static Integer parsePage(String pageParam) {
        if (pageParam == null || pageParam.isBlank()) {
            return 1;
        }
        String p = pageParam.strip();
        if (!PAGE_NUMBER.matcher(p).matches()) {
            return null;
        }
        int n = Integer.parseInt(p);
        return n < 1 ? null : n;
    }

    private static String groupList() {
        StringBuilder sb = new StringBuilder();
        for (KeypadGroup g : KeypadGroup.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(g.label());
        }
        return sb.toString();
    }

    /** Echoes user input in a message, cleaned and short (it is escaped when written). */
    private static String shown(String input) {
        return CiscoXmlWriter.truncate(CiscoXmlWriter.clean(Objects.toString(input, ""), false), 24);
    }

    private static DirectoryPage ok(String xml) {
        return new DirectoryPage(200, xml);
    }

    @FunctionalInterface
    private interface PageUrl {
        String of(int page);
    }
}
