package org.contactsync.testkit.google;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.contactsync.google.GoogleSettings;

/**
 * A local stand-in for Google's People API and OAuth endpoints, on 127.0.0.1 and a random port, so the real Google
 * client libraries can be tested and benchmarked without the network.
 *
 * <p>It serves {@code GET /v1/people/me/connections} (paging, {@code requestSyncToken}, {@code syncToken} with
 * additions, edits and {@code metadata.deleted} tombstones, {@code totalItems}/{@code totalPeople}), {@code GET
 * /v1/contactGroups}, the token endpoint {@code POST /token} (refresh_token and authorization_code grants) and a
 * consent page {@code GET /o/oauth2/auth} that approves at once and redirects with a code. Error bodies have Google's
 * shapes. Faults can be injected on {@code connections.list} (see {@link Fault}).
 *
 * <pre>{@code
 * try (PeopleApiEmulator google = PeopleApiEmulator.start()) {
 *     google.generatePeople(5_000);
 *     GoogleSettings settings = google.settings().build();
 *     ...
 * }
 * }</pre>
 */
public final class PeopleApiEmulator implements AutoCloseable {
    public static final String CLIENT_ID = "emulator-client.apps.googleusercontent.com";
    public static final String CLIENT_SECRET = "emulator-client-secret";
    /** A refresh token the emulator accepts from the start (until {@link #revokeRefreshTokens()}). */
    public static final String REFRESH_TOKEN = "1//emulator-refresh-token";
    public static final String MY_CONTACTS = "contactGroups/myContacts";
    public static final String FRIENDS = "contactGroups/friends";
    public static final String COWORKERS = "contactGroups/coworkers";
    public static final String FAMILY = "contactGroups/family";

    private static final String[] GIVEN = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken",
            "Frances", "Edsger", "Radia", "Donald", "Hedy", "Tim", "Katherine", "John", "Annie", "Niklaus", "Jean",
            "Bjarne", "Sophie", "Guido", "Mary", "James", "Karen", "Brian", "Lynn", "Claude", "Joan", "Ivan"};
    private static final String[] FAMILY_NAMES = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie",
            "Liskov", "Thompson", "Allen", "Dijkstra", "Perlman", "Knuth", "Lamarr", "Berners-Lee", "Johnson",
            "McCarthy", "Easley", "Wirth", "Bartik", "Stroustrup", "Wilson", "van Rossum", "Keller", "Gosling",
            "Spärck Jones", "Kernighan", "Conway", "Shannon", "Clarke", "Sutherland", "Müller", "O'Neil", "Østergård"};
    private static final String[] PHONE_TYPES = {"mobile", "work", "home", "main", "other"};

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI root;

    // Address book; guarded by "this".
    private final List<EmulatedPerson> people = new ArrayList<>();
    private final Map<String, EmulatedPerson> byName = new HashMap<>();
    private final Map<String, String[]> groups = new LinkedHashMap<>();
    private long seq = 1;
    private long generated;
    private long minValidSyncSeq;
    private int expiredStatus = 410;

    // OAuth; guarded by "this".
    private final Set<String> refreshTokens = new HashSet<>(Set.of(REFRESH_TOKEN));
    private final Set<String> accessTokens = new HashSet<>();
    private final Map<String, String> codes = new HashMap<>();
    private final List<Map<String, String>> authorizationRequests = new ArrayList<>();
    private boolean denyConsent;
    private String accountEmail = "owner@example.com";
    private int tokenCounter;
    private int tokenRequests;

    // Workspace directory: resource name -> its source type; guarded by "this".
    private final Map<String, String> directory = new HashMap<>();
    private final List<RecordedRequest> directoryRequests = new ArrayList<>();
    private boolean directorySharing = true;
    private boolean directoryDenied;

    // Faults and request log; guarded by "this".
    private final List<FaultRule> faults = new ArrayList<>();
    private final List<Fault> groupFaults = new ArrayList<>();
    private int groupFaultsLeft;
    private final List<RecordedRequest> connectionRequests = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** SLOW answers wait for this; {@link #clearFaults()} and {@link #close()} open it (and put a fresh one). */
    private CountDownLatch slowAnswersHeld = new CountDownLatch(1);
    /** How long each connections.list page takes to answer, as a real account over the internet does. */
    private volatile Duration pageLatency = Duration.ZERO;

    private PeopleApiEmulator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "people-api-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        groups.put(MY_CONTACTS, new String[] {"myContacts", "My Contacts", "SYSTEM_CONTACT_GROUP"});
        groups.put("contactGroups/starred", new String[] {"starred", "Starred", "SYSTEM_CONTACT_GROUP"});
        groups.put(FRIENDS, new String[] {"Friends", "Friends", "USER_CONTACT_GROUP"});
        groups.put(COWORKERS, new String[] {"Coworkers", "Coworkers", "USER_CONTACT_GROUP"});
        groups.put(FAMILY, new String[] {"Family", "Family", "USER_CONTACT_GROUP"});
    }

    /** Starts an emulator on 127.0.0.1 and a free port, with an empty address book. */
    public static PeopleApiEmulator start() {
        try {
            PeopleApiEmulator e = new PeopleApiEmulator();
            e.server.start();
            return e;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the People API emulator on 127.0.0.1", e);
        }
    }

    public URI rootUrl() {
        return root;
    }

    public URI tokenUrl() {
        return root.resolve("token");
    }

    public URI authUrl() {
        return root.resolve("o/oauth2/auth");
    }

    /**
     * Settings pointing at this emulator, with its client, a fresh token key, short timeouts and short backoff so
     * fault tests stay fast. Adjust with the builder.
     */
    public GoogleSettings.Builder settings() {
        return GoogleSettings.builder()
                .clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET)
                .tokenKey(org.contactsync.google.TokenCipher.generateBase64Key())
                .apiRootUrl(rootUrl())
                .tokenUrl(tokenUrl())
                .authUrl(authUrl())
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .retryInitialDelay(Duration.ofMillis(20))
                .retryMaxDelay(Duration.ofMillis(200))
                .retryMaxTotal(Duration.ofSeconds(3));
    }

    /**
     * "Connects" the emulator's account without the browser flow: stores {@link #REFRESH_TOKEN} encrypted with
     * {@code settings}' token key, as a finished OAuth callback would.
     */
    public void connect(org.contactsync.google.GoogleTokenStore store, GoogleSettings settings) {
        String encrypted = org.contactsync.google.TokenCipher.fromBase64Key(settings.tokenKey()).encrypt(REFRESH_TOKEN);
        store.save(new org.contactsync.google.StoredGoogleToken(encrypted, "owner@example.com", Instant.now()));
    }

    // ---------------------------------------------------------------- address book

    /** Adds {@code count} generated people (deterministic: the same calls give the same people); returns their ids. */
    public synchronized List<String> generatePeople(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long n = ++generated;
            EmulatedPerson p = new EmulatedPerson(resourceNameFor(n));
            fillGenerated(p, n);
            insert(p);
            ids.add(p.resourceName);
        }
        return ids;
    }

    /** Adds one person described by {@code spec}; returns its resource name. */
    public synchronized String addPerson(Consumer<EmulatedPerson> spec) {
        long n = ++generated;
        EmulatedPerson p = new EmulatedPerson(resourceNameFor(n));
        spec.accept(p);
        insert(p);
        return p.resourceName;
    }

    /** Changes a person; the change shows up in the next incremental sync. */
    public synchronized void editPerson(String resourceName, Consumer<EmulatedPerson> change) {
        EmulatedPerson p = live(resourceName);
        change.accept(p);
        p.group(MY_CONTACTS);
        p.seq = ++seq;
    }

    /** Deletes a person; incremental syncs report it with {@code metadata.deleted=true}. */
    public synchronized void deletePerson(String resourceName) {
        EmulatedPerson p = live(resourceName);
        p.deleted = true;
        p.seq = ++seq;
    }

    public synchronized int livePeopleCount() {
        int n = 0;
        for (EmulatedPerson p : people) {
            if (!p.deleted && !directory.containsKey(p.resourceName)) {
                n++;
            }
        }
        return n;
    }

    /** Resource names of the people currently in the address book, in listing order. */
    public synchronized List<String> liveResourceNames() {
        List<String> out = new ArrayList<>();
        for (EmulatedPerson p : people) {
            if (!p.deleted && !directory.containsKey(p.resourceName)) {
                out.add(p.resourceName);
            }
        }
        return out;
    }

    /** Directory source type of the domain's user profiles. */
    public static final String DOMAIN_PROFILE = "DIRECTORY_SOURCE_TYPE_DOMAIN_PROFILE";
    /** Directory source type of the domain's shared contacts. */
    public static final String DOMAIN_CONTACT = "DIRECTORY_SOURCE_TYPE_DOMAIN_CONTACT";

    /**
     * Adds {@code count} generated people to the Workspace directory ({@code people.listDirectoryPeople}), of source
     * type {@code sourceType} ({@link #DOMAIN_PROFILE} or {@link #DOMAIN_CONTACT}); they are not in the account's
     * contacts. Edit and delete them with {@link #editPerson} and {@link #deletePerson}.
     */
    public synchronized List<String> generateDirectoryPeople(int count, String sourceType) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long n = ++generated;
            EmulatedPerson p = new EmulatedPerson(resourceNameFor(n));
            fillGenerated(p, n);
            directory.put(p.resourceName, sourceType);
            insert(p);
            ids.add(p.resourceName);
        }
        return ids;
    }

    /** Resource names of the directory's people now, in listing order. */
    public synchronized List<String> liveDirectoryNames() {
        List<String> out = new ArrayList<>();
        for (EmulatedPerson p : people) {
            if (!p.deleted && directory.containsKey(p.resourceName)) {
                out.add(p.resourceName);
            }
        }
        return out;
    }

    /** The domain's "contact sharing" setting: when off, the directory answers with no people at all. */
    public synchronized void directorySharing(boolean on) {
        directorySharing = on;
    }

    /** Whether listDirectoryPeople answers 403 PERMISSION_DENIED (no directory scope, or not allowed). */
    public synchronized void denyDirectory(boolean deny) {
        directoryDenied = deny;
    }

    public synchronized List<RecordedRequest> directoryRequests() {
        return List.copyOf(directoryRequests);
    }

    /** The name a person is shown with (null for a person without a name). */
    public synchronized String shownName(String resourceName) {
        return live(resourceName).shownName();
    }

    /** Makes every sync token issued so far expired; they are then refused with {@code httpStatus} (400 or 410). */
    public synchronized void expireSyncTokens(int httpStatus) {
        if (httpStatus != 400 && httpStatus != 410) {
            throw new IllegalArgumentException("Google answers an expired sync token with 400 or 410");
        }
        minValidSyncSeq = ++seq;
        expiredStatus = httpStatus;
    }

    // ---------------------------------------------------------------- OAuth

    /** Refresh tokens stop working (invalid_grant) and issued access tokens are refused (401): access revoked. */
    public synchronized void revokeRefreshTokens() {
        refreshTokens.clear();
        accessTokens.clear();
    }

    /** The consent page redirects with {@code error=access_denied} instead of a code. */
    public synchronized void denyConsent(boolean deny) {
        this.denyConsent = deny;
    }

    /** The email put in the id token of an authorization-code exchange (null: no id token). */
    public synchronized void accountEmail(String email) {
        this.accountEmail = email;
    }

    /**
     * Plays the browser on Google's consent page: opens {@code authorizationUrl} (which must point at this emulator)
     * and returns where Google sends the browser back, i.e. the callback URL with {@code code} and {@code state}.
     */
    public URI consent(URI authorizationUrl) {
        if (!authorizationUrl.toString().startsWith(authUrl().toString())) {
            throw new IllegalArgumentException("not this emulator's consent page: " + authorizationUrl);
        }
        try {
            java.net.http.HttpResponse<Void> r = java.net.http.HttpClient.newBuilder()
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build()
                    .send(java.net.http.HttpRequest.newBuilder(authorizationUrl).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 302) {
                throw new IllegalStateException("the consent page answered " + r.statusCode());
            }
            return URI.create(r.headers().firstValue("Location").orElseThrow());
        } catch (IOException e) {
            throw new IllegalStateException("could not open the emulator's consent page", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The query parameters of each visit to the consent page, oldest first. */
    public synchronized List<Map<String, String>> authorizationRequests() {
        return List.copyOf(authorizationRequests);
    }

    /** Whether {@code refreshToken} is one the emulator issued and still accepts. */
    public synchronized boolean acceptsRefreshToken(String refreshToken) {
        return refreshTokens.contains(refreshToken);
    }

    public synchronized int tokenRequests() {
        return tokenRequests;
    }

    // ---------------------------------------------------------------- faults and log

    /** The next {@code times} connections.list requests answer with {@code fault}. */
    public void failConnections(Fault fault, int times) {
        failConnectionsAfter(0, fault, times);
    }

    /** After {@code okRequests} normal connections.list requests, the next {@code times} answer with {@code fault}. */
    public synchronized void failConnectionsAfter(int okRequests, Fault fault, int times) {
        faults.add(new FaultRule(okRequests, times, fault));
    }

    /** The next {@code times} contactGroups.list requests answer with {@code fault} (STATUS or MALFORMED_JSON). */
    public synchronized void failContactGroups(Fault fault, int times) {
        groupFaults.clear();
        groupFaults.add(fault);
        groupFaultsLeft = times;
    }

    /** Faults not yet shown are dropped; SLOW answers held back so far are sent (to clients long gone). */
    public synchronized void clearFaults() {
        faults.clear();
        groupFaults.clear();
        releaseSlowAnswers();
    }

    private synchronized void releaseSlowAnswers() {
        slowAnswersHeld.countDown();
        slowAnswersHeld = new CountDownLatch(1);
    }

    /** Each connections.list page is answered only after {@code latency} (default: at once), faults aside. */
    public void pageLatency(Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("page latency must be zero or more, was " + latency);
        }
        this.pageLatency = latency;
    }

    /** Every connections.list request so far, oldest first. */
    public synchronized List<RecordedRequest> connectionRequests() {
        return List.copyOf(connectionRequests);
    }

    public synchronized void clearRequestLog() {
        connectionRequests.clear();
    }

    @Override
    public void close() {
        releaseSlowAnswers();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) throws IOException {
        inFlight.incrementAndGet();
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Map<String, String> q = parseQuery(ex.getRequestURI().getRawQuery());
            if (method.equals("GET") && path.equals("/v1/people/me/connections")) {
                connections(ex, q);
            } else if (method.equals("GET") && path.equals("/v1/people:listDirectoryPeople")) {
                directoryPeople(ex, q);
            } else if (method.equals("GET") && path.equals("/v1/contactGroups")) {
                contactGroups(ex);
            } else if (method.equals("POST") && path.equals("/token")) {
                token(ex);
            } else if (method.equals("GET") && path.equals("/o/oauth2/auth")) {
                consent(ex, q);
            } else {
                sendError(ex, 404, "NOT_FOUND", "Method not found.", null);
            }
        } catch (IOException e) {
            // The client went away (timeouts, resets): nothing to answer.
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void connections(HttpExchange ex, Map<String, String> q) throws IOException {
        Fault fault;
        CountDownLatch held;
        synchronized (this) {
            connectionRequests.add(new RecordedRequest("GET", ex.getRequestURI().getPath(), q));
            fault = nextFault();
            held = slowAnswersHeld;
        }
        if (!pageLatency.isZero()) {
            sleep(pageLatency);
        }
        if (fault != null && fault.kind() == Fault.Kind.STATUS) {
            sendStatusFault(ex, fault);
            return;
        }
        if (fault != null && fault.kind() == Fault.Kind.SLOW) {
            awaitRelease(held);
        }
        if (fault != null && fault.kind() == Fault.Kind.EXPIRED_ACCESS_TOKEN) {
            synchronized (this) {
                accessTokens.clear();
            }
        }
        if (!authorized(ex)) {
            sendUnauthenticated(ex);
            return;
        }
        if (fault != null && fault.kind() == Fault.Kind.MALFORMED_JSON) {
            send(ex, 200, "{\"connections\": [{\"resourceName\": \"people/c1\", \"names\": [{\"displayName\": ]]}");
            return;
        }
        String body;
        synchronized (this) {
            body = listConnections(ex, q);
        }
        if (body == null) {
            return;
        }
        if (fault != null && fault.kind() == Fault.Kind.RESET_MID_BODY) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            ex.sendResponseHeaders(200, bytes.length);
            OutputStream out = ex.getResponseBody();
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            // Closing a fixed-length body before its end drops the connection: the client sees a premature EOF.
            throw new IOException("connection dropped on purpose");
        }
        if (fault != null && fault.kind() == Fault.Kind.TRUNCATED_JSON) {
            // Cut inside the first contact's name: a well-formed HTTP answer whose JSON ends mid-object.
            int at = body.indexOf("\"displayName\"");
            send(ex, 200, body.substring(0, at > 0 ? at + 3 : body.length() / 2));
            return;
        }
        if (fault != null && fault.kind() == Fault.Kind.CUT_AFTER_CONTACT) {
            // Ends right after the first whole contact: looks like a short page without nextPageToken.
            send(ex, 200, body.substring(0, endOfFirstContact(body)));
            return;
        }
        send(ex, 200, body);
    }

    /** Index just after the first complete object in the "connections" array of a page body. */
    private static int endOfFirstContact(String body) {
        int start = body.indexOf('[');
        int depth = 0;
        boolean inString = false;
        for (int i = start + 1; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return body.length();
    }

    /** Builds one page, or sends an error and returns null. Caller holds the lock. */
    private String listConnections(HttpExchange ex, Map<String, String> q) throws IOException {
        return listPage(ex, q, "personFields", "connections", p -> !directory.containsKey(p.resourceName));
    }

    /**
     * One page of {@code connections.list} or {@code people.listDirectoryPeople}: the people {@code listed} accepts,
     * with the fields of mask parameter {@code maskParam}, in an array named {@code arrayName}.
     */
    private String listPage(HttpExchange ex, Map<String, String> q, String maskParam, String arrayName,
                            java.util.function.Predicate<EmulatedPerson> listed) throws IOException {
        String fields = q.get(maskParam);
        if (fields == null || fields.isBlank()) {
            sendError(ex, 400, "INVALID_ARGUMENT", maskParam + " mask is required. Please specify one or more valid "
                    + "paths. Valid paths are documented at https://developers.google.com/people/api/rest/v1/people"
                    + "/connections/list.", null);
            return null;
        }
        int pageSize;
        try {
            pageSize = q.get("pageSize") == null ? 100 : Integer.parseInt(q.get("pageSize"));
        } catch (NumberFormatException e) {
            pageSize = -1;
        }
        if (pageSize < 0 || pageSize > 1000) {
            sendError(ex, 400, "INVALID_ARGUMENT", "Invalid pageSize: must be between 1 and 1000.", null);
            return null;
        }
        if (pageSize == 0) {
            pageSize = 100;
        }
        Set<String> wanted = Set.of(fields.split(","));
        boolean requestSyncToken = "true".equals(q.get("requestSyncToken"));
        String syncToken = q.get("syncToken");
        long since = -1;
        if (syncToken != null) {
            since = parseSeq(syncToken, "emu-st-");
            if (since < 0) {
                sendError(ex, 400, "INVALID_ARGUMENT", "Request contains an invalid argument.", null);
                return null;
            }
            if (since < minValidSyncSeq) {
                String status = expiredStatus == 400 ? "FAILED_PRECONDITION" : "ABORTED";
                sendError(ex, expiredStatus, status,
                        "Sync token is expired. Clear local cache and retry call without the sync token.",
                        "EXPIRED_SYNC_TOKEN");
                return null;
            }
        }
        String paramsHash = Integer.toHexString(new java.util.TreeMap<>(withoutPageToken(q)).toString().hashCode());
        int start = 0;
        long snapshot = seq;
        String pageToken = q.get("pageToken");
        if (pageToken != null) {
            String[] parts;
            try {
                parts = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8).split(":");
            } catch (IllegalArgumentException e) {
                parts = new String[0];
            }
            if (parts.length != 3) {
                sendError(ex, 400, "INVALID_ARGUMENT", "Request contains an invalid argument.", null);
                return null;
            }
            if (!parts[2].equals(paramsHash)) {
                sendError(ex, 400, "INVALID_ARGUMENT", "Parameters for a page request must match the parameters "
                        + "of the first request of the listing.", null);
                return null;
            }
            start = Integer.parseInt(parts[0]);
            snapshot = Long.parseLong(parts[1]);
        }
        boolean incremental = since >= 0;
        int total = 0;
        for (EmulatedPerson p : people) {
            if (listed.test(p) && (incremental ? p.seq > since : !p.deleted)) {
                total++;
            }
        }
        StringBuilder sb = new StringBuilder(Math.max(256, Math.min(pageSize, total) * 700));
        sb.append("{\"").append(arrayName).append("\":[");
        int count = 0;
        int i = start;
        for (; i < people.size() && count < pageSize; i++) {
            EmulatedPerson p = people.get(i);
            if (listed.test(p) && (incremental ? p.seq > since : !p.deleted)) {
                if (count > 0) {
                    sb.append(',');
                }
                personJson(sb, p, wanted);
                count++;
            }
        }
        boolean more = false;
        for (int j = i; j < people.size(); j++) {
            EmulatedPerson p = people.get(j);
            if (listed.test(p) && (incremental ? p.seq > since : !p.deleted)) {
                more = true;
                break;
            }
        }
        sb.append(']');
        if (more) {
            String next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (i + ":" + snapshot + ":" + paramsHash).getBytes(StandardCharsets.UTF_8));
            sb.append(",\"nextPageToken\":\"").append(next).append('"');
        } else if (requestSyncToken) {
            sb.append(",\"nextSyncToken\":\"emu-st-").append(snapshot).append('"');
        }
        sb.append(",\"totalPeople\":").append(total).append(",\"totalItems\":").append(total).append('}');
        return sb.toString();
    }

    /** {@code people.listDirectoryPeople}: the Workspace directory, with readMask, sources, paging and sync tokens. */
    private void directoryPeople(HttpExchange ex, Map<String, String> q) throws IOException {
        Fault fault;
        synchronized (this) {
            fault = nextFault(); // the connections.list faults apply here too (STATUS ones)
        }
        if (fault != null && fault.kind() == Fault.Kind.STATUS) {
            sendStatusFault(ex, fault);
            return;
        }
        if (!authorized(ex)) {
            sendUnauthenticated(ex);
            return;
        }
        String body;
        synchronized (this) {
            directoryRequests.add(new RecordedRequest("GET", ex.getRequestURI().getPath(), q));
            if (directoryDenied) {
                sendError(ex, 403, "PERMISSION_DENIED", "The caller does not have permission", null);
                return;
            }
            String sources = q.get("sources");
            if (sources == null || sources.isBlank()) {
                sendError(ex, 400, "INVALID_ARGUMENT", "Request must specify at least one directory source.", null);
                return;
            }
            body = listPage(ex, q, "readMask", "people", p -> directory.containsKey(p.resourceName)
                    && directorySharing && sources.contains(directory.get(p.resourceName)));
        }
        if (body != null) {
            send(ex, 200, body.replaceAll(",\"total(People|Items)\":\\d+", ""));
        }
    }

    private void contactGroups(HttpExchange ex) throws IOException {
        Fault fault;
        synchronized (this) {
            fault = groupFaults.isEmpty() ? null : groupFaults.get(0);
            if (fault != null && --groupFaultsLeft <= 0) {
                groupFaults.clear();
            }
        }
        if (fault != null && fault.kind() == Fault.Kind.STATUS) {
            sendStatusFault(ex, fault);
            return;
        }
        if (fault != null && fault.kind() == Fault.Kind.MALFORMED_JSON) {
            send(ex, 200, "{\"contactGroups\": [{\"resourceName\": ");
            return;
        }
        if (!authorized(ex)) {
            sendUnauthenticated(ex);
            return;
        }
        StringBuilder sb = new StringBuilder("{\"contactGroups\":[");
        synchronized (this) {
            boolean first = true;
            for (Map.Entry<String, String[]> g : groups.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                String[] v = g.getValue();
                sb.append("{\"resourceName\":").append(Json.str(g.getKey()))
                        .append(",\"etag\":\"emu-g-").append(seq).append('"')
                        .append(",\"metadata\":{\"updateTime\":\"2024-03-13T10:00:00.000Z\"}")
                        .append(",\"groupType\":").append(Json.str(v[2]))
                        .append(",\"name\":").append(Json.str(v[0]))
                        .append(",\"formattedName\":").append(Json.str(v[1])).append('}');
            }
            sb.append("],\"totalItems\":").append(groups.size()).append(",\"nextSyncToken\":\"emu-gst-")
                    .append(seq).append("\"}");
        }
        send(ex, 200, sb.toString());
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form;
        try (InputStream in = ex.getRequestBody()) {
            form = parseQuery(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String response;
        synchronized (this) {
            tokenRequests++;
            if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
                sendOAuthError(ex, 401, "invalid_client", "The OAuth client was not found.");
                return;
            }
            String grant = form.get("grant_type");
            if ("refresh_token".equals(grant)) {
                if (!refreshTokens.contains(form.get("refresh_token"))) {
                    sendOAuthError(ex, 400, "invalid_grant", "Token has been expired or revoked.");
                    return;
                }
                response = "{\"access_token\":" + Json.str(newAccessToken()) + ",\"expires_in\":3599,"
                        + "\"scope\":\"https://www.googleapis.com/auth/contacts.readonly\",\"token_type\":\"Bearer\"}";
            } else if ("authorization_code".equals(grant)) {
                String redirect = codes.remove(String.valueOf(form.get("code")));
                if (redirect == null) {
                    sendOAuthError(ex, 400, "invalid_grant", "Malformed auth code.");
                    return;
                }
                if (!redirect.equals(form.get("redirect_uri"))) {
                    sendOAuthError(ex, 400, "redirect_uri_mismatch", "Bad Request");
                    return;
                }
                String refresh = "1//emu-refresh-" + (++tokenCounter);
                refreshTokens.add(refresh);
                StringBuilder sb = new StringBuilder("{\"access_token\":").append(Json.str(newAccessToken()))
                        .append(",\"expires_in\":3599,\"refresh_token\":").append(Json.str(refresh))
                        .append(",\"scope\":\"https://www.googleapis.com/auth/contacts.readonly\"")
                        .append(",\"token_type\":\"Bearer\"");
                if (accountEmail != null) {
                    String claims = "{\"iss\":\"https://accounts.google.com\",\"email\":" + Json.str(accountEmail) + "}";
                    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
                    sb.append(",\"id_token\":\"").append(b64.encodeToString("{\"alg\":\"none\"}".getBytes(
                            StandardCharsets.UTF_8))).append('.').append(b64.encodeToString(claims.getBytes(
                            StandardCharsets.UTF_8))).append(".sig\"");
                }
                response = sb.append('}').toString();
            } else {
                sendOAuthError(ex, 400, "unsupported_grant_type", "Invalid grant_type: " + grant);
                return;
            }
        }
        send(ex, 200, response);
    }

    private void consent(HttpExchange ex, Map<String, String> q) throws IOException {
        String location;
        synchronized (this) {
            authorizationRequests.add(Map.copyOf(q));
            if (!CLIENT_ID.equals(q.get("client_id")) || q.get("redirect_uri") == null
                    || !"code".equals(q.get("response_type"))) {
                byte[] b = "Error 400: invalid_request".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(400, b.length);
                ex.getResponseBody().write(b);
                return;
            }
            String redirect = q.get("redirect_uri");
            String sep = redirect.contains("?") ? "&" : "?";
            String state = q.get("state") == null ? "" : "&state=" + URLEncoder.encode(q.get("state"),
                    StandardCharsets.UTF_8);
            if (denyConsent) {
                location = redirect + sep + "error=access_denied" + state;
            } else {
                String code = "4/emu-code-" + (++tokenCounter);
                codes.put(code, redirect);
                location = redirect + sep + "code=" + URLEncoder.encode(code, StandardCharsets.UTF_8) + state
                        + "&scope=" + URLEncoder.encode(String.valueOf(q.get("scope")), StandardCharsets.UTF_8);
            }
        }
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(302, -1);
    }

    // ---------------------------------------------------------------- helpers

    private Fault nextFault() {
        Fault chosen = null;
        for (FaultRule r : faults) {
            if (r.okBefore > 0) {
                r.okBefore--;
            } else if (chosen == null && r.times > 0) {
                r.times--;
                chosen = r.fault;
            }
        }
        faults.removeIf(r -> r.okBefore == 0 && r.times == 0);
        return chosen;
    }

    private boolean authorized(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            return false;
        }
        synchronized (this) {
            return accessTokens.contains(h.substring(7));
        }
    }

    private String newAccessToken() {
        String t = "ya29.emu-" + (++tokenCounter);
        accessTokens.add(t);
        return t;
    }

    private void sendUnauthenticated(HttpExchange ex) throws IOException {
        sendError(ex, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 "
                + "access token, login cookie or other valid authentication credential. See "
                + "https://developers.google.com/identity/sign-in/web/devconsole-project.", "ACCESS_TOKEN_EXPIRED");
    }

    private void sendStatusFault(HttpExchange ex, Fault f) throws IOException {
        if (f.retryAfter() != null) {
            ex.getResponseHeaders().set("Retry-After", String.valueOf(f.retryAfter()));
        }
        switch (f.status()) {
            case 401 -> sendUnauthenticated(ex);
            case 429 -> sendError(ex, 429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Read requests' "
                    + "and limit 'Read requests per minute per user' of service 'people.googleapis.com'.",
                    "RATE_LIMIT_EXCEEDED");
            case 500 -> sendError(ex, 500, "INTERNAL", "Internal error encountered.", null);
            case 503 -> sendError(ex, 503, "UNAVAILABLE", "The service is currently unavailable.", null);
            case 403 -> sendError(ex, 403, "PERMISSION_DENIED", "People API has not been used in project 0 before "
                    + "or it is disabled.", "SERVICE_DISABLED");
            default -> sendError(ex, f.status(), "UNKNOWN", "Emulated failure.", null);
        }
    }

    /** Google's JSON error body: {@code {"error": {code, message, status, details: [ErrorInfo]}}}. */
    private static void sendError(HttpExchange ex, int code, String status, String message, String reason)
            throws IOException {
        StringBuilder sb = new StringBuilder("{\n  \"error\": {\n    \"code\": ").append(code)
                .append(",\n    \"message\": ").append(Json.str(message))
                .append(",\n    \"status\": ").append(Json.str(status));
        if (reason != null) {
            sb.append(",\n    \"details\": [\n      {\n        \"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\","
                    + "\n        \"reason\": ").append(Json.str(reason))
                    .append(",\n        \"domain\": \"googleapis.com\"\n      }\n    ]");
        }
        sb.append("\n  }\n}\n");
        send(ex, code, sb.toString());
    }

    /** The OAuth token endpoint's error shape: {@code {"error": "...", "error_description": "..."}}. */
    private static void sendOAuthError(HttpExchange ex, int code, String error, String description) throws IOException {
        send(ex, code, "{\n  \"error\": " + Json.str(error) + ",\n  \"error_description\": " + Json.str(description)
                + "\n}");
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void personJson(StringBuilder sb, EmulatedPerson p, Set<String> wanted) {
        String src = "{\"type\":\"CONTACT\",\"id\":\"" + p.resourceName.substring(8) + "\"}";
        String etag = "\"%Emu" + Long.toString(p.seq, 36) + "\"";
        sb.append("{\"resourceName\":\"").append(p.resourceName).append("\",\"etag\":").append(etag);
        String updated = Instant.ofEpochSecond(1_700_000_000L + p.seq).toString();
        sb.append(",\"metadata\":{\"sources\":[{\"type\":\"CONTACT\",\"id\":\"").append(p.resourceName.substring(8))
                .append("\",\"etag\":\"#emu").append(p.seq).append("\",\"updateTime\":\"").append(updated)
                .append("\"}],\"objectType\":\"PERSON\"");
        if (p.deleted) {
            sb.append(",\"deleted\":true}}");
            return;
        }
        sb.append('}');
        String shown = p.shownName();
        if (wanted.contains("names") && shown != null) {
            sb.append(",\"names\":[{\"metadata\":{\"primary\":true,\"source\":").append(src).append('}')
                    .append(",\"displayName\":").append(Json.str(shown));
            if (p.familyName != null) {
                sb.append(",\"familyName\":").append(Json.str(p.familyName));
            }
            if (p.givenName != null) {
                sb.append(",\"givenName\":").append(Json.str(p.givenName));
            }
            sb.append(",\"unstructuredName\":").append(Json.str(shown)).append("}]");
        }
        if (wanted.contains("phoneNumbers") && !p.phones.isEmpty()) {
            sb.append(",\"phoneNumbers\":[");
            for (int i = 0; i < p.phones.size(); i++) {
                EmulatedPerson.Phone ph = p.phones.get(i);
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("{\"metadata\":{");
                if (ph.primary()) {
                    sb.append("\"primary\":true,");
                }
                sb.append("\"source\":").append(src).append("},\"value\":").append(Json.str(ph.value()))
                        .append(",\"canonicalForm\":").append(Json.str(canonical(ph.value())))
                        .append(",\"type\":").append(Json.str(ph.type()))
                        .append(",\"formattedType\":").append(Json.str(capitalize(ph.type()))).append('}');
            }
            sb.append(']');
        }
        if (wanted.contains("emailAddresses") && !p.emails.isEmpty()) {
            sb.append(",\"emailAddresses\":[");
            for (int i = 0; i < p.emails.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("{\"metadata\":{").append(i == 0 ? "\"primary\":true," : "").append("\"source\":")
                        .append(src).append("},\"value\":").append(Json.str(p.emails.get(i)))
                        .append(",\"type\":\"home\",\"formattedType\":\"Home\"}");
            }
            sb.append(']');
        }
        if (wanted.contains("organizations") && p.organization != null) {
            sb.append(",\"organizations\":[{\"metadata\":{\"primary\":true,\"source\":").append(src)
                    .append("},\"name\":").append(Json.str(p.organization)).append("}]");
        }
        if (wanted.contains("memberships") && !p.groups.isEmpty()) {
            sb.append(",\"memberships\":[");
            for (int i = 0; i < p.groups.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                String g = p.groups.get(i);
                sb.append("{\"metadata\":{\"source\":").append(src).append("},\"contactGroupMembership\":{")
                        .append("\"contactGroupId\":").append(Json.str(g.substring(g.indexOf('/') + 1)))
                        .append(",\"contactGroupResourceName\":").append(Json.str(g)).append("}}");
            }
            sb.append(']');
        }
        sb.append('}');
    }

    private void insert(EmulatedPerson p) {
        p.group(MY_CONTACTS);
        p.seq = ++seq;
        people.add(p);
        byName.put(p.resourceName, p);
    }

    private EmulatedPerson live(String resourceName) {
        EmulatedPerson p = byName.get(resourceName);
        if (p == null || p.deleted) {
            throw new IllegalArgumentException("no person " + resourceName + " in the emulator");
        }
        return p;
    }

    private static String resourceNameFor(long n) {
        return "people/c" + (3_000_000_000_000_000_000L + n * 7919);
    }

    private static void fillGenerated(EmulatedPerson p, long n) {
        p.givenName = GIVEN[(int) (n % GIVEN.length)];
        p.familyName = FAMILY_NAMES[(int) ((n / GIVEN.length) % FAMILY_NAMES.length)];
        String type = PHONE_TYPES[(int) (n % PHONE_TYPES.length)];
        p.phone(String.format("+1 (555) %03d-%04d", (n / 10_000) % 1000, n % 10_000), type, true);
        if (n % 3 == 0) {
            p.phone(String.format("+44 20 7946 %04d", n % 10_000), "work", false);
        }
        p.email(p.givenName.toLowerCase() + "." + n + "@example.com");
        if (n % 4 == 0) {
            p.organization("Company " + (n % 50));
        }
        if (n % 5 == 0) {
            p.group(FRIENDS);
        }
        if (n % 7 == 0) {
            p.group(COWORKERS);
        }
    }

    private static String canonical(String number) {
        StringBuilder sb = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if ((c >= '0' && c <= '9') || c == '+') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static long parseSeq(String token, String prefix) {
        if (!token.startsWith(prefix)) {
            return -1;
        }
        try {
            return Long.parseLong(token.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> withoutPageToken(Map<String, String> q) {
        Map<String, String> m = new HashMap<>(q);
        m.remove("pageToken");
        return m;
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.merge(k, v, (a, b) -> a + "," + b); // repeated parameters (sources=A&sources=B) joined with ','
        }
        return m;
    }

    private static void awaitRelease(CountDownLatch held) {
        try {
            held.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class FaultRule {
        int okBefore;
        int times;
        final Fault fault;

        FaultRule(int okBefore, int times, Fault fault) {
            this.okBefore = okBefore;
            this.times = times;
            this.fault = fault;
        }
    }

    /** Minimal JSON string escaping for the hand-written responses (fast enough for 100k people). */
    static final class Json {
        private Json() {
        }

        static String str(String s) {
            StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }
    }
}
