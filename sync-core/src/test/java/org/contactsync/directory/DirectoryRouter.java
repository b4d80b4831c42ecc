package org.contactsync.directory;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows a directory URL the way the web layer would, so tests can click through pages like a phone does.
 * Only for tests; the real routing is the JAX-RS resource.
 */
public final class DirectoryRouter {
    private final DirectoryPages pages;
    private final DirectorySnapshot snapshot;
    private final String root;

    public DirectoryRouter(DirectoryPages pages, DirectorySnapshot snapshot, String root) {
        this.pages = pages;
        this.snapshot = snapshot;
        this.root = root;
    }

    public DirectoryPage get(String url) {
        if (!url.startsWith(root)) {
            throw new AssertionError("link leaves the directory: " + url);
        }
        URI uri = URI.create(url);
        String path = url.substring(root.length());
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        Map<String, String> params = query(uri.getRawQuery());
        if (path.isEmpty()) {
            return pages.mainMenu(snapshot, root);
        }
        if (path.equals("/favourites")) {
            return pages.favourites(snapshot, root, params.get("page"));
        }
        if (path.equals("/labels")) {
            return pages.labels(snapshot, root, params.get("id"), params.get("page"));
        }
        if (path.equals("/help")) {
            return pages.help(root);
        }
        if (path.equals("/search")) {
            return pages.search(snapshot, root, params.get("q"), params.get("page"));
        }
        if (path.startsWith("/groups/")) {
            return pages.group(snapshot, root, decode(path.substring(8)), params.get("page"));
        }
        if (path.startsWith("/contacts/")) {
            return pages.contact(snapshot, root, decode(path.substring(10)));
        }
        throw new AssertionError("no such directory path: " + url);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw == null) {
            return map;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            map.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return map;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
