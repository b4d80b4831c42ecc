package org.contactsync.webapp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.contactsync.google.GoogleAccount;
import org.contactsync.google.TokenCipher;
import org.contactsync.testkit.google.PeopleApiEmulator;

/**
 * The WAR configured with issue 17's three named sources, in this priority order: {@code staff} (an emulated
 * Workspace directory, type google-directory), {@code customers} (an emulated Google account of its own, type
 * google) and {@code suppliers} (a vCard file), all by the configuration keys an administrator writes.
 */
final class ThreeSourcesApp implements AutoCloseable {
    static final String HOSTILE_FILE = "suppliers<img src=x onerror=alert(1)>.vcf";

    final PeopleApiEmulator workspace = PeopleApiEmulator.start();
    final PeopleApiEmulator customersAccount = PeopleApiEmulator.start();
    final Path suppliersFile;
    final EmbeddedApp app;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    ThreeSourcesApp(Path dir) throws Exception {
        // A hostile file name: it reaches the page in the source's error message, which must show it as text.
        suppliersFile = dir.resolve(HOSTILE_FILE);
        Files.writeString(suppliersFile, String.join("\r\n", "BEGIN:VCARD", "VERSION:3.0", "UID:sup-1",
                "FN:Ada Supplies", "TEL;TYPE=WORK:+44 20 7946 0001", "END:VCARD", "BEGIN:VCARD", "VERSION:3.0",
                "UID:sup-2", "FN:Bolt <&> Nut Ltd", "TEL;TYPE=WORK:+44 20 7946 0002", "END:VCARD", ""),
                StandardCharsets.UTF_8);
        Map<String, String> keys = new HashMap<>();
        keys.put("contactsync.sources", "staff,customers,suppliers");
        keys.put("contactsync.google.client-id", PeopleApiEmulator.CLIENT_ID);
        keys.put("contactsync.google.client-secret", PeopleApiEmulator.CLIENT_SECRET);
        keys.put("contactsync.google.token-key", TokenCipher.generateBase64Key());
        keys.put("contactsync.source.staff.type", "google-directory");
        emulatorEndpoints(keys, "staff", workspace);
        keys.put("contactsync.source.customers.type", "google");
        emulatorEndpoints(keys, "customers", customersAccount);
        keys.put("contactsync.source.suppliers.type", "vcard");
        keys.put("contactsync.source.suppliers.file", suppliersFile.toString());
        app = EmbeddedApp.start(dir.resolve("data"), keys, b -> b);
    }

    private static void emulatorEndpoints(Map<String, String> keys, String source, PeopleApiEmulator google) {
        keys.put("contactsync.source." + source + ".api-root-url", google.rootUrl().toString());
        keys.put("contactsync.source." + source + ".token-url", google.tokenUrl().toString());
        keys.put("contactsync.source." + source + ".auth-url", google.authUrl().toString());
    }

    /** "Connects" a Google source's emulated account without the browser flow (its token in its own row). */
    void connect(String source, PeopleApiEmulator google) {
        GoogleAccount account = app.application().googleAccount(source).orElseThrow();
        google.connect(app.application().database().googleTokenStore(source), account.settings());
    }

    HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (EmbeddedApp.ADMIN_USER + ":" + EmbeddedApp.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return app.uri(path);
    }

    @Override
    public void close() throws Exception {
        try {
            app.close();
        } finally {
            workspace.close();
            customersAccount.close();
        }
    }
}
