package org.contactsync.google;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.google.api.services.people.v1.PeopleService;
import com.google.api.services.people.v1.model.ListDirectoryPeopleResponse;
import com.google.api.services.people.v1.model.Person;
import org.contactsync.contact.Contact;
import org.contactsync.metrics.SourceCallListener;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncSourceException;
import org.contactsync.sync.SyncType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Google Workspace domain's directory ({@code people.listDirectoryPeople}): every colleague's profile and the
 * domain's shared contacts, as the admin console shows them. Needs the
 * {@value #SCOPE} scope in the account's consent. A full sync asks for a sync token (it arrives on the last page);
 * an incremental sync sends it back and gets changes, deletions marked {@code metadata.deleted}.
 *
 * <p>When the domain's "contact sharing" setting is off, Google answers with an empty directory rather than an
 * error; a full read of nothing is therefore refused with a message for the admin instead of deleting everyone.
 */
public final class GoogleDirectorySyncEngine implements SyncEngine {
    private static final Logger log = LoggerFactory.getLogger(GoogleDirectorySyncEngine.class);

    /** The OAuth scope the directory needs (in addition to, or instead of, contacts.readonly). */
    public static final String SCOPE = "https://www.googleapis.com/auth/directory.readonly";
    /** The domain's user profiles. */
    public static final String DOMAIN_PROFILE = "DIRECTORY_SOURCE_TYPE_DOMAIN_PROFILE";
    /** The domain's shared contacts (admin-managed external contacts). */
    public static final String DOMAIN_CONTACT = "DIRECTORY_SOURCE_TYPE_DOMAIN_CONTACT";

    static final String READ_MASK = "names,phoneNumbers,emailAddresses,organizations,metadata";
    static final String SHARING_OFF = "The Google Workspace directory sent no people at all. Most likely contact"
            + " sharing is off for the domain: in the Google Admin console, open Directory → Directory settings →"
            + " Sharing settings, turn on \"Enable contact sharing\", wait up to a day, and run the sync again."
            + " No contacts were removed.";
    private static final String FORBIDDEN_ADVICE = "Reconnect the Google account on the sync page and allow"
            + " \"See info about users in your domain\" (" + SCOPE + "); the account must belong to the Workspace"
            + " domain, and the domain's contact sharing must be on (Admin console → Directory → Directory"
            + " settings → Sharing settings).";
    private static final String CURSOR_VERSION = "gd1";

    private final GoogleAccount account;
    private final GoogleSettings settings;
    private final List<String> sources;

    /** Reads both the domain's profiles and its shared contacts. */
    public GoogleDirectorySyncEngine(GoogleAccount account) {
        this(account, List.of(DOMAIN_PROFILE, DOMAIN_CONTACT));
    }

    /** Reads the given directory source types ({@link #DOMAIN_PROFILE}, {@link #DOMAIN_CONTACT}). */
    public GoogleDirectorySyncEngine(GoogleAccount account, List<String> sources) {
        this.account = Objects.requireNonNull(account, "account");
        this.settings = account.settings();
        if (sources.isEmpty() || !List.of(DOMAIN_PROFILE, DOMAIN_CONTACT).containsAll(sources)) {
            throw new IllegalArgumentException("directory sources must be " + DOMAIN_PROFILE + " and/or "
                    + DOMAIN_CONTACT + ", were " + sources);
        }
        this.sources = List.copyOf(sources);
    }

    @Override
    public String name() {
        return "google-directory";
    }

    @Override
    public boolean usesCursor() {
        return true;
    }

    @Override
    public void sync(SyncContext context) {
        PeopleService people = PeopleServices.open(account);
        GoogleCalls calls = new GoogleCalls(settings, context, SourceCallListener.NONE, FORBIDDEN_ADVICE);
        String fingerprint = String.join("+", sources.stream().sorted().map(s -> s.substring(s.lastIndexOf('_') + 1)
                .toLowerCase(Locale.ROOT)).toList());
        GoogleCursor cursor = new GoogleCursor(CURSOR_VERSION, fingerprint,
                "the directory sources read changed since the last sync");
        String syncToken = context.type() == SyncType.INCREMENTAL ? cursor.syncToken(context.cursor().orElse(null))
                : null;
        boolean incremental = syncToken != null;
        String what = incremental ? "Reading changes of the Google Workspace directory"
                : "Reading the Google Workspace directory";
        context.progress(0, what);
        String pageToken = null;
        int page = 0;
        int seen = 0;
        do {
            context.checkCancelled();
            String pt = pageToken;
            String st = syncToken;
            page++;
            ListDirectoryPeopleResponse resp = calls.call("directory page " + page, incremental, () -> {
                // The same parameters on every page: the API rejects a page token used with different ones.
                PeopleService.People.ListDirectoryPeople list = people.people().listDirectoryPeople()
                        .setReadMask(READ_MASK)
                        .setSources(sources)
                        .setPageSize(settings.pageSize())
                        .setRequestSyncToken(true);
                if (st != null) {
                    list.setSyncToken(st);
                }
                if (pt != null) {
                    list.setPageToken(pt);
                }
                return GoogleCalls.readComplete(list);
            });
            if (resp.getPeople() != null) {
                for (Person p : resp.getPeople()) {
                    report(context, p, incremental);
                    seen++;
                }
            }
            pageToken = resp.getNextPageToken();
            if ((pageToken == null || pageToken.isEmpty()) && !incremental && seen == 0) {
                throw new SyncSourceException(SHARING_OFF, "listDirectoryPeople (" + String.join(",", sources)
                        + ") answered an empty directory on a full read", null);
            }
            if ((pageToken == null || pageToken.isEmpty()) && resp.getNextSyncToken() != null) {
                context.newCursor(cursor.of(resp.getNextSyncToken()));
            }
            context.progress(Math.min(90, page * 5), String.format(Locale.ROOT, "%s: page %d (%,d so far)", what,
                    page, seen));
        } while (pageToken != null && !pageToken.isEmpty());
    }

    private void report(SyncContext context, Person p, boolean incremental) {
        String id = p.getResourceName();
        if (id == null || id.isBlank()) {
            context.skipped(null, "Google sent a directory entry without a resource name");
            return;
        }
        if (PersonMapper.isDeleted(p)) {
            if (incremental) {
                context.delete(id);
            }
            return;
        }
        Contact c;
        try {
            c = PersonMapper.toContact(p, Map.of());
        } catch (RuntimeException e) {
            log.warn("Could not map Google directory entry {}", id, e);
            context.skipped(id, "Google directory entry " + id + " could not be read");
            return;
        }
        context.upsert(c);
    }
}
