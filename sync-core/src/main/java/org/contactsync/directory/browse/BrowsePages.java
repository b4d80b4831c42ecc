package org.contactsync.directory.browse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

import org.contactsync.directory.CiscoXmlWriter;
import org.contactsync.directory.DialRules;
import org.contactsync.directory.DirectoryContact;
import org.contactsync.directory.DirectoryNumber;
import org.contactsync.directory.DirectoryPage;
import org.contactsync.directory.DirectorySnapshot;
import org.contactsync.directory.KeypadGroup;

/**
 * Browsing the directory on phones with an XML browser other than Cisco's, in that vendor's {@link BrowseMarkup}:
 * the main menu (keypad groups first, so item N is group N; then Search and Favourites), group, favourites and
 * search pages as paged menus of contacts ("Next..."/"Prev..." lines), and a contact as a list of numbers to
 * dial. URLs: {@code <root>} is {@code …/directory/<vendor>/browse}.
 */
public final class BrowsePages {
    private final BrowseMarkup markup;
    private final DialRules rules;
    private final String title;

    public BrowsePages(BrowseMarkup markup, DialRules rules, String title) {
        this.markup = Objects.requireNonNull(markup, "markup");
        this.rules = Objects.requireNonNull(rules, "rules");
        String t = CiscoXmlWriter.clean(title, false);
        this.title = t.isEmpty() ? "Contacts" : t;
    }

    public BrowseMarkup markup() {
        return markup;
    }

    /** {@code GET <root>}. */
    public DirectoryPage menu(DirectorySnapshot snapshot, String root) {
        List<BrowseMarkup.Link> items = new ArrayList<>();
        for (KeypadGroup g : KeypadGroup.values()) {
            items.add(new BrowseMarkup.Link(g.label(), root + "/groups/" + g.label()));
        }
        items.add(new BrowseMarkup.Link("Search", root + "/search"));
        if (!snapshot.favourites().isEmpty()) {
            items.add(new BrowseMarkup.Link("Favourites", root + "/favourites"));
        }
        return ok(markup.menu(title, items));
    }

    /** {@code GET <root>/groups/{group}?page=N}. */
    public DirectoryPage group(DirectorySnapshot snapshot, String root, String groupParam, String pageParam) {
        KeypadGroup group = KeypadGroup.fromPath(groupParam).orElse(null);
        if (group == null) {
            return error(404, "No such group", "There is no group like that. Pick one from the menu.", root);
        }
        String base = root + "/groups/" + group.label();
        return contacts(snapshot.group(group), group.label(), pageParam, root, p -> pageUrl(base, "?", p));
    }

    /** {@code GET <root>/favourites?page=N}. */
    public DirectoryPage favourites(DirectorySnapshot snapshot, String root, String pageParam) {
        return contacts(snapshot.favourites(), "Favourites", pageParam, root,
                p -> pageUrl(root + "/favourites", "?", p));
    }

    /** {@code GET <root>/search} (form) and {@code ?q=...&page=N} (results, by name, keypad digits or number). */
    public DirectoryPage search(DirectorySnapshot snapshot, String root, String q, String pageParam) {
        String text = q == null ? "" : CiscoXmlWriter.clean(q, false);
        if (text.isEmpty()) {
            return ok(markup.input("Search " + title, "Name, keypad digits or number", root + "/search", "q"));
        }
        if (text.codePointCount(0, text.length()) > 32) {
            return error(400, "Search too long", "Search for at most 32 characters.", root);
        }
        List<DirectoryContact> matches = snapshot.search(text);
        if (matches.size() == 1) {
            return contactPage(matches.get(0), root);
        }
        String base = root + "/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
        return contacts(matches, "Search: " + text, pageParam, root, p -> pageUrl(base, "&", p));
    }

    /** {@code GET <root>/contacts/{id}}: its numbers to dial. */
    public DirectoryPage contact(DirectorySnapshot snapshot, String root, String idParam) {
        String raw = idParam == null ? "" : idParam.strip();
        if (!raw.matches("\\d{1,18}") || Long.parseLong(raw) == 0) {
            return error(400, "Bad contact id", "That is not a contact id. Pick the contact from a list.", root);
        }
        return snapshot.contact(Long.parseLong(raw)).map(c -> contactPage(c, root))
                .orElseGet(() -> error(404, "Not found", "That contact is no longer listed; look it up again.", root));
    }

    /** A text page with a way back to the menu. */
    public DirectoryPage error(int status, String heading, String message, String root) {
        return new DirectoryPage(status, markup.text(heading, message, new BrowseMarkup.Link("Menu", root)));
    }

    private DirectoryPage contactPage(DirectoryContact c, String root) {
        List<BrowseMarkup.Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (DirectoryNumber n : c.phones()) {
            String dial = rules.dial(n.number(), n.e164());
            if (!dial.isEmpty() && seen.add(dial) && entries.size() < markup.pageSize()) {
                entries.add(new BrowseMarkup.Entry(n.entryName(markup.maxLine()), dial));
            }
        }
        return ok(markup.directory(c.shownName(markup.maxLine()), entries,
                List.of(new BrowseMarkup.Link("Menu", root))));
    }

    private DirectoryPage contacts(List<DirectoryContact> list, String heading, String pageParam, String root,
                                   IntFunction<String> pageUrl) {
        Integer page = page(pageParam);
        if (page == null) {
            return error(400, "Bad page number", "Pages are numbered from 1.", root);
        }
        if (list.isEmpty()) {
            return page == 1 ? ok(markup.text(heading, "No contacts here.", new BrowseMarkup.Link("Menu", root)))
                    : error(404, "No such page", heading + " has no contacts.", root);
        }
        int size = markup.pageSize();
        int pages = (list.size() + size - 1) / size;
        if (page > pages) {
            return error(404, "No such page", heading + " has " + pages + " page" + (pages == 1 ? "" : "s") + ".",
                    root);
        }
        List<BrowseMarkup.Link> items = new ArrayList<>(size + 2);
        for (int i = (page - 1) * size; i < Math.min(list.size(), page * size); i++) {
            DirectoryContact c = list.get(i);
            items.add(new BrowseMarkup.Link(c.shownName(markup.maxLine()), root + "/contacts/" + c.id()));
        }
        if (page < pages) {
            items.add(new BrowseMarkup.Link("Next... (" + (list.size() - page * size) + " more)", pageUrl.apply(page + 1)));
        }
        if (page > 1) {
            items.add(new BrowseMarkup.Link("Prev...", pageUrl.apply(page - 1)));
        }
        return ok(markup.menu(pages == 1 ? heading : page + "/" + pages + " " + heading, items));
    }

    private static String pageUrl(String base, String sep, int page) {
        return page == 1 ? base : base + sep + "page=" + page;
    }

    private static Integer page(String p) {
        if (p == null || p.isBlank()) {
            return 1;
        }
        String s = p.strip();
        if (!s.matches("\\d{1,9}")) {
            return null;
        }
        int n = Integer.parseInt(s);
        return n < 1 ? null : n;
    }

    private static DirectoryPage ok(String xml) {
        return new DirectoryPage(200, xml);
    }
}
