package org.contactsync.directory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;


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
    private final DialRules dialRules;
    private final int pageSize;
    private final CiscoModel model;

    /**
     * @param title      the main menu's title (blank: "Contacts")
     * @param dialPrefix outside-line prefix dialled before numbers not in "+" form; null or blank for none
     */
    public DirectoryPages(String title, String dialPrefix) {
        this(title, DialRules.asWritten(dialPrefix), DEFAULT_PAGE_SIZE);
    }

    public DirectoryPages(String title, String dialPrefix, int pageSize) {
        this(title, DialRules.asWritten(dialPrefix), pageSize);
    }

    /** With the site's dial rules (outside line, national or international form). */
    public DirectoryPages(String title, DialRules dialRules) {
        this(title, dialRules, DEFAULT_PAGE_SIZE);
    }

    public DirectoryPages(String title, DialRules dialRules, int pageSize) {
        this(title, dialRules, pageSize, CiscoModel.DEFAULT);
    }

    private DirectoryPages(String title, DialRules dialRules, int pageSize, CiscoModel model) {
        this.model = Objects.requireNonNull(model, "model");
        String t = CiscoXmlWriter.clean(title, false);
        this.title = t.isEmpty() ? "Contacts" : t;
        this.dialRules = Objects.requireNonNull(dialRules, "dialRules");
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("pageSize must be 1..100 (the phones show at most 100 items), was "
                    + pageSize);
        }
        this.pageSize = pageSize;
    }

    /** The same pages for another phone model (soft keys, prompt, line length). */
    public DirectoryPages forModel(CiscoModel other) {
        return other.equals(model) ? this : new DirectoryPages(title, dialRules, pageSize, other);
    }

    public CiscoModel model() {
        return model;
    }

    public String title() {
        return title;
    }

    public String dialPrefix() {
        return dialRules.outsideLinePrefix();
    }

    public DialRules dialRules() {
        return dialRules;
    }

    public int pageSize() {
        return pageSize;
    }

    /**
     * {@code GET /directory} without contacts at hand: the keypad groups, then Search and Help. See
     * {@link #mainMenu(DirectorySnapshot, String)}.
     */
    public DirectoryPage mainMenu(String root) {
        return mainMenu(null, root);
    }

    /**
     * {@code GET /directory}: the keypad groups first, so menu item N is group N and the key a person presses
     * carries the letters of that group (1, 2ABC … 9WXYZ, then 0 as item 10); after them Search, Favourites and
     * Groups (when the snapshot has any) and Help. Search and Favourites are soft keys too.
     */
    public DirectoryPage mainMenu(DirectorySnapshot snapshot, String root) {
        CiscoXmlWriter w = CiscoXmlWriter.menu(model).title(title).prompt("Press the key of the first letter");
        for (KeypadGroup g : KeypadGroup.values()) {
            w.menuItem(g.label(), groupUrl(root, g, 1));
        }
        w.menuItem("Search", root + "/search");
        boolean favourites = snapshot != null && !snapshot.favourites().isEmpty();
        if (favourites) {
            w.menuItem("Favourites", root + "/favourites");
        }
        if (snapshot != null && !snapshot.labels().isEmpty()) {
            w.menuItem("Groups", root + "/labels");
        }
        w.menuItem("Help", root + "/help");
        w.softKey("Select", "SoftKey:Select", 1).softKey("Search", root + "/search", 2);
        if (favourites) {
            w.softKey("Favs", root + "/favourites", 3);
        }
        return ok(w.softKey("Exit", "SoftKey:Exit", 4).finish());
    }

    /** {@code GET /directory/favourites?page=N}: the favourites as a paged menu. */
    public DirectoryPage favourites(DirectorySnapshot snapshot, String root, String pageParam) {
        Integer page = parsePage(pageParam);
        if (page == null) {
            return badPage(pageParam, root);
        }
        List<DirectoryContact> members = snapshot.favourites();
        if (members.isEmpty()) {
            return page == 1 ? message(200, "Favourites", "No favourites yet. Star contacts in Google Contacts "
                    + "(or mark them in the address book) to list them here.", root)
                    : error(404, "No such page", "There are no favourites, so there is no page " + page + ".", root);
        }
        return pagedMenu(members, page, "Favourites", root, p -> pageUrl(root + "/favourites", p));
    }

    /**
     * {@code GET /directory/labels}: the contact groups/labels as a menu; {@code ?id=X&page=N}: the contacts
     * with label X as a paged menu. The id is {@link #labelId} (short, stable, URL-safe, whatever the name).
     */
    public DirectoryPage labels(DirectorySnapshot snapshot, String root, String id, String pageParam) {
        Integer page = parsePage(pageParam);
        if (page == null) {
            return badPage(pageParam, root);
        }
        Map<String, List<DirectoryContact>> labels = snapshot.labels();
        if (id == null || id.isBlank()) {
            List<String> names = List.copyOf(labels.keySet());
            if (names.isEmpty()) {
                return page == 1 ? message(200, "Groups", "No contact groups to show.", root)
                        : error(404, "No such page", "There are no groups, so there is no page " + page + ".", root);
            }
            int pages = pageCount(names.size());
            if (page > pages) {
                return noPage("The groups", pages, page, root);
            }
            int from = (page - 1) * pageSize;
            int to = Math.min(names.size(), from + pageSize);
            CiscoXmlWriter w = CiscoXmlWriter.menu(model).title(pages == 1 ? "Groups" : page + "/" + pages + " Groups")
                    .prompt((from + 1) + "-" + to + " of " + names.size());
            for (int i = from; i < to; i++) {
                w.menuItem(names.get(i) + " (" + labels.get(names.get(i)).size() + ")", labelUrl(root, names.get(i)));
            }
            return ok(pagingKeys(w, page, pages, p -> pageUrl(root + "/labels", p)).finish());
        }
        String name = null;
        for (String n : labels.keySet()) {
            if (labelId(n).equals(id.strip())) {
                name = n;
                break;
            }
        }
        if (name == null) {
            return error(404, "No such group", "There is no contact group \"" + shown(id) + "\" any more. Pick "
                    + "one from the Groups menu.", root);
        }
        String base = labelUrl(root, name);
        return pagedMenu(labels.get(name), page, name, root, p -> p == 1 ? base : base + "&page=" + p);
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
            return noPage("Group " + group.label(), pages, page, root);
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
        return ok(CiscoXmlWriter.input(model)
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
            return ok(CiscoXmlWriter.text(model)
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
        return ok(CiscoXmlWriter.text(model)
                .title(title + " help")
                .body("Press the key with the first letter of the name: 2 (2ABC) for Anna, 6 (6MNO) for Ömer. "
                        + "Group 1 holds names that start with a digit or +, group 0 (item 10) names in other "
                        + "scripts and symbols.\nSearch finds part of a name, the name typed as on the keypad "
                        + "(9652 for Wójcik), or part of a number (at least three digits).\nOn a contact, pick a "
                        + "number and press Dial.")
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
        return new DirectoryPage(status, CiscoXmlWriter.text(model)
                .title(heading)
                .body(message)
                .softKey("Menu", root, 1)
                .softKey("Exit", "SoftKey:Exit", 4)
                .finish());
    }

    private DirectoryPage pagedMenu(List<DirectoryContact> contacts, int page, String heading, String root,
                                    PageUrl pageUrl) {
        int pages = pageCount(contacts.size());
        if (page > pages) {
            return noPage(heading, pages, page, root);
        }
        return contactMenu(contacts, page, pages, heading, root, pageUrl);
    }

    private DirectoryPage noPage(String what, int pages, int page, String root) {
        return error(404, "No such page", what + " has " + pages + " page" + (pages == 1 ? "" : "s")
                + "; there is no page " + page + ".", root);
    }

    private DirectoryPage contactMenu(List<DirectoryContact> contacts, int page, int pages, String heading,
                                      String root, PageUrl pageUrl) {
        int from = (page - 1) * pageSize;
        int to = Math.min(contacts.size(), from + pageSize);
        String pageTitle = pages == 1 ? heading : page + "/" + pages + " " + heading;
        CiscoXmlWriter w = CiscoXmlWriter.menu(model)
                .title(pageTitle)
                .prompt((from + 1) + "-" + to + " of " + contacts.size());
        for (int i = from; i < to; i++) {
            DirectoryContact c = contacts.get(i);
            w.menuItem(c.shownName(model.maxLine()), root + "/contacts/" + c.id());
        }
        return ok(pagingKeys(w, page, pages, pageUrl).finish());
    }

    private static CiscoXmlWriter pagingKeys(CiscoXmlWriter w, int page, int pages, PageUrl pageUrl) {
        if (w.model().softKeys() < 4) {
            // No room for Prev/Next soft keys: page with menu items instead, so no contact is out of reach.
            if (page < pages) {
                w.menuItem("Next...", pageUrl.of(page + 1));
            }
            if (page > 1) {
                w.menuItem("Prev...", pageUrl.of(page - 1));
            }
        }
        w.softKey("Select", "SoftKey:Select", 1);
        if (page > 1) {
            w.softKey("Prev", pageUrl.of(page - 1), 2);
        }
        if (page < pages) {
            w.softKey("Next", pageUrl.of(page + 1), 3);
        }
        return w.softKey("Exit", "SoftKey:Exit", 4);
    }

    private String contactXml(DirectoryContact c, String root) {
        CiscoXmlWriter w = CiscoXmlWriter.directory(model).title(c.shownName(model.maxLine()))
                .prompt("Select a number and Dial");
        Set<String> dialled = new HashSet<>();
        int entries = 0;
        for (DirectoryNumber p : c.phones()) {
            String telephone = dialRules.dial(p.number(), p.e164());
            if (telephone.isEmpty() || !dialled.add(telephone)) {
                continue; // the same number twice (e.g. as work and main) would only confuse
            }
            w.directoryEntry(p.entryName(model.maxLine()), telephone);
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

    private static String pageUrl(String base, int page) {
        return page == 1 ? base : base + "?page=" + page;
    }

    private static String labelUrl(String root, String label) {
        return root + "/labels?id=" + labelId(label);
    }

    /** A label's id in URLs: the hex of its String hash, stable across snapshots, nodes and restarts. */
    public static String labelId(String label) {
        return Integer.toHexString(label.hashCode());
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
