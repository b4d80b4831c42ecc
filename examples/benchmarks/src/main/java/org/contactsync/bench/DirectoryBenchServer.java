package org.contactsync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.contactsync.directory.CiscoDirectory;
import org.contactsync.jaxrs.ApiSettings;
import org.contactsync.jaxrs.ContactSyncFeature;
import org.contactsync.jaxrs.directory.DirectoryResource;
import org.contactsync.jaxrs.directory.DirectorySettings;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.webapp.StoredPagesFilter;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The phone directory under load: embedded Jetty 12 on 127.0.0.1 serving ContactSync's {@link DirectoryResource}
 * (mounted with {@link ContactSyncFeature} behind the WAR's {@link StoredPagesFilter}, as the WAR does) over {@code N} generated contacts in embedded Derby,
 * plus the very same XML documents as static files from Jetty's ResourceServlet at {@code /static/} — the ceiling
 * for this container on this machine. Writes the URLs to test into a shell-readable file and serves until killed.
 *
 * <pre>
 * java ... org.contactsync.bench.DirectoryBenchServer --contacts 10000 --port 0 --ready-file urls.env
 * </pre>
 */
public final class DirectoryBenchServer {
    private static final Pattern URL = Pattern.compile("<URL>([^<]+)</URL>");

    private DirectoryBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = BenchMain.options(args, Map.of("contacts", "10000", "port", "0",
                "ready-file", "directory-bench.env", "work-dir", System.getProperty("java.io.tmpdir")));
        int contacts = Integer.parseInt(opts.get("contacts"));
        Path work = Files.createTempDirectory(Path.of(opts.get("work-dir")), "contactsync-directory-bench-");
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", work.resolve("derby.log").toString());
        }
        Running running = start(contacts, Integer.parseInt(opts.get("port")), work);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "directory-bench-stop"));
        Path ready = Path.of(opts.get("ready-file"));
        StringBuilder env = new StringBuilder();
        running.urls().forEach((k, v) -> env.append(k).append("='").append(v).append("'\n"));
        Files.writeString(ready, env.toString(), StandardCharsets.UTF_8);
        System.out.println("Directory benchmark server with " + contacts + " contacts at " + running.server.baseUri()
                + " (URLs in " + ready.toAbsolutePath() + ")");
        running.server.join();
    }

    /**
     * A started server with its URLs: MENU, GROUP, CONTACT, SEARCH (by name), KEYPAD (digits), PHONEBOOK (Yealink
     * file), LOOKUP (caller-ID), their STATIC_* copies, and STATIC_CSS (a 10 KB stylesheet: the ceiling).
     */
    record Running(JettyServer server, SyncManager sync, BenchDatabase database, Map<String, String> urls, Path work)
            implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("could not stop Jetty: " + e);
            }
            sync.close();
            database.close();
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + work + ": " + e);
            }
        }
    }

    static Running start(int contacts, int port, Path work) throws Exception {
        BenchDatabase database = BenchDatabase.open(BenchDatabase.Kind.DERBY, work, "directory");
        CiscoDirectory directory = new CiscoDirectory(database.contactStore());
        SyncManager sync = SyncManager.builder()
                .engine(new GeneratedContactsEngine(contacts))
                .contactStore(database.contactStore())
                .stateStore(database.stateStore())
                .listener(directory)
                .build();
        SyncRun run = FullSyncBenchmark.runAndWait(sync, SyncType.FULL);
        if (run.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("loading the generated contacts failed: " + run.error());
        }
        Path staticDir = Files.createDirectories(work.resolve("static"));
        DirectoryResource phones = new DirectoryResource(directory, DirectorySettings.defaults());
        ResourceConfig app = new ResourceConfig().register(ContactSyncFeature.builder(sync)
                .settings(ApiSettings.defaults())
                .component(phones)
                .build());
        // As the WAR: the stored pages answered by the servlet filter in front of Jersey.
        JettyServer server = JettyServer.start(port, app, new StoredPagesFilter(phones.storedPages(), null),
                staticDir);

        // Pick the pages a phone user would open: the menu, the largest group's first page, a contact, a search.
        URI base = server.baseUri();
        String menuUrl = base.resolve("directory").toString();
        String menu = fetch(menuUrl);
        String groupUrl = null;
        int largest = -1;
        for (String url : urls(menu)) {
            if (url.contains("/directory/groups/")) {
                int size = urls(fetch(url)).size();
                if (size > largest) {
                    largest = size;
                    groupUrl = url;
                }
            }
        }
        if (groupUrl == null) {
            throw new IllegalStateException("the main menu lists no groups: " + menu);
        }
        String group = fetch(groupUrl);
        String contactUrl = urls(group).stream().filter(u -> u.contains("/directory/contacts/")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the group page lists no contacts: " + group));
        String contact = fetch(contactUrl);
        String searchUrl = base.resolve("directory/search?q=an").toString();
        String search = fetch(searchUrl);
        String keypadUrl = base.resolve("directory/search?q=26").toString(); // "an" typed on the keypad
        String keypad = fetch(keypadUrl);
        String phonebookUrl = base.resolve("directory/yealink/phonebook.xml").toString();
        String phonebook = fetch(phonebookUrl);
        String number = directory.snapshot().contacts().get(directory.snapshot().size() / 2).firstNumber().number();
        String lookupUrl = base.resolve("directory/lookup?number="
                + java.net.URLEncoder.encode(number, StandardCharsets.UTF_8)).toString();
        String lookup = fetch(lookupUrl);

        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("MENU", menuUrl);
        urls.put("GROUP", groupUrl);
        urls.put("CONTACT", contactUrl);
        urls.put("SEARCH", searchUrl);
        urls.put("KEYPAD", keypadUrl);
        urls.put("PHONEBOOK", phonebookUrl);
        urls.put("LOOKUP", lookupUrl);
        urls.put("STATIC_MENU", staticCopy(base, staticDir, "menu.xml", menu));
        urls.put("STATIC_GROUP", staticCopy(base, staticDir, "group.xml", group));
        urls.put("STATIC_CONTACT", staticCopy(base, staticDir, "contact.xml", contact));
        urls.put("STATIC_SEARCH", staticCopy(base, staticDir, "search.xml", search));
        urls.put("STATIC_KEYPAD", staticCopy(base, staticDir, "keypad.xml", keypad));
        urls.put("STATIC_PHONEBOOK", staticCopy(base, staticDir, "phonebook.xml", phonebook));
        urls.put("STATIC_LOOKUP", staticCopy(base, staticDir, "lookup.txt", lookup));
        // The ceiling the issue measures against: a 10 KB stylesheet from the same server.
        urls.put("STATIC_CSS", staticCopy(base, staticDir, "page.css", css(10 * 1024)));
        return new Running(server, sync, database, urls, work);
    }

    /** A plausible stylesheet of {@code bytes} bytes. */
    static String css(int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 64);
        for (int i = 0; sb.length() < bytes; i++) {
            sb.append(".rule-").append(i).append(" { margin: 0 ").append(i % 16).append("px; color: #")
                    .append(String.format("%06x", i * 2654435761L & 0xFFFFFF)).append("; }\n");
        }
        return sb.substring(0, bytes);
    }

    private static String staticCopy(URI base, Path dir, String name, String xml) throws IOException {
        Files.writeString(dir.resolve(name), xml, StandardCharsets.UTF_8);
        return base.resolve("static/" + name).toString();
    }

    static List<String> urls(String xml) {
        List<String> out = new ArrayList<>();
        Matcher m = URL.matcher(xml);
        while (m.find()) {
            out.add(m.group(1).replace("&amp;", "&"));
        }
        return out;
    }

    static String fetch(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
