package org.contactsync.google;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.api.services.people.v1.PeopleService;
import com.google.api.services.people.v1.model.ContactGroup;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import com.google.api.services.people.v1.model.ListContactGroupsResponse;
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
 * Reads the connected account's contacts with the People API ({@code people.connections.list} for
 * {@code people/me}). A full sync asks for a sync token (it arrives on the last page); an incremental sync sends it
 * back and gets only changes, deletions marked {@code metadata.deleted}. With {@link GoogleSettings#groups()} set,
 * only members of those contact groups are kept, and a contact that leaves them is reported as deleted.
 *
 * <p>The stored cursor is {@code g1;<groups fingerprint>;<sync token>}: when the selected groups change, the old
 * token no longer describes what the local copy holds, so the next incremental run becomes a full one.
 */
public final class GooglePeopleSyncEngine implements SyncEngine {
    private static final Logger log = LoggerFactory.getLogger(GooglePeopleSyncEngine.class);
    static final String PERSON_FIELDS = "names,phoneNumbers,emailAddresses,organizations,memberships,metadata";
    private static final String CURSOR_VERSION = "g1";

    private final GoogleAccount account;
    private final GoogleSettings settings;
    private final SourceCallListener calls;

    public GooglePeopleSyncEngine(GoogleAccount account) {
        this(account, SourceCallListener.NONE);
    }

    /** @param calls told about every call to Google and every retry (metrics) */
    public GooglePeopleSyncEngine(GoogleAccount account, SourceCallListener calls) {
        this.account = Objects.requireNonNull(account, "account");
        this.settings = account.settings();
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    @Override
    public String name() {
        return "google";
    }

    @Override
    public boolean usesCursor() {
        return true;
    }

    @Override
    public void sync(SyncContext context) {
        PeopleService people = PeopleServices.open(account);
        GoogleCalls calls = new GoogleCalls(settings, context, this.calls);
        GoogleCursor cursor = new GoogleCursor(CURSOR_VERSION, groupsFingerprint(settings.groups()),
                "the selected contact groups (" + GoogleSettings.KEY_GROUPS + ") changed since the last sync");
        String syncToken = null;
        if (context.type() == SyncType.INCREMENTAL) {
            syncToken = cursor.syncToken(context.cursor().orElse(null));
        }

        context.progress(0, "Reading Google contact groups");
        Map<String, String> groupNames = new HashMap<>();
        Set<String> selected = selectedGroups(people, calls, groupNames);

        boolean incremental = syncToken != null;
        String pageToken = null;
        int page = 0;
        int seen = 0;
        Integer total = null;
        do {
            context.checkCancelled();
            String pt = pageToken;
            String st = syncToken;
            int pageNo = page + 1;
            ListConnectionsResponse resp = calls.call("contacts page " + pageNo, incremental, () -> {
                // The same parameters on every page: the API rejects a page token used with different ones.
                PeopleService.People.Connections.List list = people.people().connections().list("people/me")
                        .setPageSize(settings.pageSize())
                        .setPersonFields(PERSON_FIELDS)
                        .setRequestSyncToken(true);
                if (st != null) {
                    list.setSyncToken(st);
                }
                if (pt != null) {
                    list.setPageToken(pt);
                }
                return GoogleCalls.readConnections(list);
            });
            page = pageNo;
            if (total == null) {
                total = resp.getTotalItems() != null ? resp.getTotalItems() : resp.getTotalPeople();
            }
            if (resp.getConnections() != null) {
                for (Person p : resp.getConnections()) {
                    report(context, p, incremental, selected, groupNames);
                    seen++;
                }
            }
            pageToken = resp.getNextPageToken();
            if (pageToken == null && resp.getNextSyncToken() != null) {
                context.newCursor(cursor.of(resp.getNextSyncToken()));
            }
            progress(context, incremental, page, seen, total);
        } while (pageToken != null && !pageToken.isEmpty());
    }

    private void report(SyncContext context, Person p, boolean incremental, Set<String> selected,
                        Map<String, String> groupNames) {
        String id = p.getResourceName();
        if (id == null || id.isBlank()) {
            context.skipped(null, "Google sent a contact without a resource name");
            return;
        }
        if (PersonMapper.isDeleted(p)) {
            if (incremental) {
                context.delete(id);
            }
            return;
        }
        if (!selected.isEmpty() && PersonMapper.groupResourceNames(p).stream().noneMatch(selected::contains)) {
            // Not (or no longer) in a selected group: a full run simply leaves it out, so the core removes it.
            if (incremental) {
                context.delete(id);
            }
            return;
        }
        Contact c;
        try {
            c = PersonMapper.toContact(p, groupNames);
        } catch (RuntimeException e) {
            log.warn("Could not map Google contact {}", id, e);
            context.skipped(id, "Google contact " + id + " could not be read");
            return;
        }
        context.upsert(c);
    }

    private void progress(SyncContext context, boolean incremental, int page, int seen, Integer total) {
        String what = incremental ? "Reading changed Google contacts" : "Reading Google contacts";
        if (total != null && total > 0) {
            int pages = (total + settings.pageSize() - 1) / settings.pageSize();
            int percent = (int) Math.min(95, (long) seen * 95 / total);
            context.progress(percent, String.format(Locale.ROOT, "%s: page %d of %d (%,d of %,d)", what, page,
                    Math.max(page, pages), seen, total));
        } else {
            context.progress(Math.min(90, page * 5), String.format(Locale.ROOT, "%s: page %d (%,d so far)", what,
                    page, seen));
        }
    }

    /**
     * Lists the account's contact groups (for names) and resolves the configured selection to resource names.
     * Without a selection the names are only a nicety: when the listing fails, the run goes on and memberships are
     * stored by group id (revoked access still fails the run; the contacts request would fail the same way).
     */
    private Set<String> selectedGroups(PeopleService people, GoogleCalls calls, Map<String, String> names) {
        List<ContactGroup> groups;
        try {
            groups = listGroups(people, calls);
        } catch (SyncSourceException e) {
            if (!settings.groups().isEmpty() || GoogleCalls.REVOKED.equals(e.getMessage())) {
                throw e;
            }
            log.warn("Could not read the Google contact groups ({}); this run stores memberships by group id",
                    e.getMessage());
            return Set.of();
        }
        return resolve(groups, names);
    }

    private List<ContactGroup> listGroups(PeopleService people, GoogleCalls calls) {
        List<ContactGroup> groups = new ArrayList<>();
        String pageToken = null;
        int page = 0;
        do {
            String pt = pageToken;
            page++;
            ListContactGroupsResponse resp = calls.call("contact groups page " + page, false, () -> {
                PeopleService.ContactGroups.List list = people.contactGroups().list().setPageSize(1000)
                        .setGroupFields("name,groupType");
                if (pt != null) {
                    list.setPageToken(pt);
                }
                return GoogleCalls.readComplete(list);
            });
            if (resp.getContactGroups() != null) {
                groups.addAll(resp.getContactGroups());
            }
            pageToken = resp.getNextPageToken();
        } while (pageToken != null && !pageToken.isEmpty());
        return groups;
    }

    private Set<String> resolve(List<ContactGroup> groups, Map<String, String> names) {
        for (ContactGroup g : groups) {
            if (g.getResourceName() != null) {
                String shown = g.getFormattedName() != null ? g.getFormattedName() : g.getName();
                names.put(g.getResourceName(), shown != null ? shown : g.getResourceName());
            }
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String wanted : settings.groups()) {
            ContactGroup match = groups.stream().filter(g -> matches(g, wanted)).findFirst().orElse(null);
            if (match == null) {
                String available = groups.stream().map(g -> g.getFormattedName() != null ? g.getFormattedName()
                        : g.getName()).filter(Objects::nonNull).sorted().collect(Collectors.joining(", "));
                throw new SyncSourceException("The contact group \"" + wanted + "\" in " + GoogleSettings.KEY_GROUPS
                        + " does not exist in the connected Google account (its groups: "
                        + (available.isEmpty() ? "none" : available) + "). Fix the setting and run the sync again.");
            }
            selected.add(match.getResourceName());
        }
        return selected;
    }

    private static boolean matches(ContactGroup g, String wanted) {
        String rn = g.getResourceName();
        return wanted.equals(rn)
                || (rn != null && rn.equals("contactGroups/" + wanted))
                || wanted.equalsIgnoreCase(g.getName())
                || wanted.equalsIgnoreCase(g.getFormattedName());
    }

    static String groupsFingerprint(List<String> groups) {
        if (groups.isEmpty()) {
            return "all";
        }
        String joined = groups.stream().map(g -> g.toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining("\n"));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
