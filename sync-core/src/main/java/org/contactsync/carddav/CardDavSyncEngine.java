package org.contactsync.carddav;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.contactsync.contact.Contact;
import org.contactsync.sync.CursorExpiredException;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncSourceException;
import org.contactsync.sync.SyncType;
import org.contactsync.vcard.VCardCards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one CardDAV address book collection (RFC 6352) with the vCard reader of the file engine.
 *
 * <p>When the server supports {@code sync-collection} (RFC 6578, listed in the collection's
 * {@code supported-report-set}), a full run asks for every member with an empty sync-token and keeps the token it
 * gets as the cursor; an incremental run sends the token back and gets only what changed (ETags) and what was
 * removed (404). A token the server no longer accepts makes the core run a full sync. Servers without
 * {@code sync-collection} are read by a full listing (PROPFIND Depth 1) every time, and an incremental run removes
 * stored contacts the listing no longer shows. Changed cards are fetched with {@code addressbook-multiget}.
 *
 * <p>A contact's source id is its resource's path on the server (e.g. {@code /alice/contacts/4f1a.vcf}): the one
 * key that deletions are reported by. A card that cannot be read is skipped and its stored copy kept.
 */
public final class CardDavSyncEngine implements SyncEngine {
    private static final Logger log = LoggerFactory.getLogger(CardDavSyncEngine.class);

    /** Cursor of a server with sync-collection: the prefix, then the server's sync-token. */
    static final String TOKEN_CURSOR = "cd1;token;";
    /** Cursor of a server without sync-collection: every run lists the collection. */
    static final String LISTING_CURSOR = "cd1;listing";

    private static final String PROPFIND_COLLECTION = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:" xmlns:cr="urn:ietf:params:xml:ns:carddav">
              <d:prop><d:resourcetype/><d:displayname/><d:supported-report-set/></d:prop>
            </d:propfind>""";
    private static final String PROPFIND_MEMBERS = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:">
              <d:prop><d:resourcetype/><d:getetag/></d:prop>
            </d:propfind>""";

    private final CardDavSettings settings;

    public CardDavSyncEngine(CardDavSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return "carddav";
    }

    @Override
    public boolean usesCursor() {
        return true;
    }

    @Override
    public void sync(SyncContext context) {
        DavClient dav = new DavClient(settings);
        String cursor = context.type() == SyncType.INCREMENTAL ? context.cursor().orElse(null) : null;
        if (cursor != null && cursor.startsWith(TOKEN_CURSOR)) {
            incremental(context, dav, cursor.substring(TOKEN_CURSOR.length()));
            return;
        }
        if (cursor != null && !cursor.equals(LISTING_CURSOR)) {
            throw new CursorExpiredException("the stored CardDAV cursor has an unknown format");
        }
        context.progress(0, "Reading the CardDAV address book " + settings.addressBook());
        boolean listing = cursor != null || !dav.supportsSyncCollection(PROPFIND_COLLECTION);
        if (!listing) {
            DavClient.Multistatus all;
            try {
                all = syncCollection(dav, "");
            } catch (DavClient.DavStatusException e) {
                // Advertised but refused: read it like a server without sync-collection.
                log.info("CardDAV server refused sync-collection on {} (HTTP {}); listing the collection instead",
                        settings.addressBook(), e.status);
                all = null;
                listing = true;
            }
            if (all != null) {
                fetch(context, dav, members(dav, all.responses()));
                context.newCursor(TOKEN_CURSOR + requireToken(all));
                return;
            }
        }
        DavClient.Multistatus listed = propfindMembers(dav);
        List<String> members = members(dav, listed.responses());
        Set<String> stored = context.type() == SyncType.INCREMENTAL ? context.storedSourceIds() : Set.of();
        fetch(context, dav, members);
        if (context.type() == SyncType.INCREMENTAL) {
            Set<String> present = Set.copyOf(members);
            for (String id : stored) {
                if (!present.contains(id)) {
                    context.delete(id);
                }
            }
        }
        context.newCursor(LISTING_CURSOR);
    }

    private void incremental(SyncContext context, DavClient dav, String token) {
        context.progress(0, "Reading changes of the CardDAV address book " + settings.addressBook());
        DavClient.Multistatus changes;
        try {
            changes = syncCollection(dav, token);
        } catch (DavClient.DavStatusException e) {
            if (e.status == 403 || e.status == 409 || e.status == 412 || e.status == 400
                    || DavClient.mentions(e.body, "valid-sync-token")) {
                throw new CursorExpiredException("the CardDAV server no longer accepts the sync token (HTTP "
                        + e.status + ")");
            }
            throw e;
        }
        List<String> changed = new ArrayList<>();
        for (DavClient.Response r : changes.responses()) {
            if (isCollection(dav, r)) {
                continue;
            }
            if (r.status() == 404) {
                context.delete(r.href());
            } else if (r.status() / 100 == 2) {
                changed.add(r.href());
            }
        }
        fetch(context, dav, changed);
        context.newCursor(TOKEN_CURSOR + requireToken(changes));
    }

    /** sync-collection from {@code token} ("" for everything), following truncated answers (507). */
    private DavClient.Multistatus syncCollection(DavClient dav, String token) {
        List<DavClient.Response> all = new ArrayList<>();
        String current = token;
        for (int round = 0; round < 1000; round++) {
            DavClient.Multistatus ms = dav.report(settings.addressBook(), 0, """
                    <?xml version="1.0" encoding="utf-8"?>
                    <d:sync-collection xmlns:d="DAV:">
                      <d:sync-token>%s</d:sync-token>
                      <d:sync-level>1</d:sync-level>
                      <d:prop><d:getetag/></d:prop>
                    </d:sync-collection>""".formatted(DavClient.xmlText(current)));
            boolean truncated = false;
            for (DavClient.Response r : ms.responses()) {
                if (r.status() == 507 && isCollection(dav, r)) {
                    truncated = true;
                } else {
                    all.add(r);
                }
            }
            if (!truncated || ms.syncToken() == null || ms.syncToken().equals(current)) {
                return new DavClient.Multistatus(all, ms.syncToken());
            }
            current = ms.syncToken();
        }
        throw new SyncSourceException("The CardDAV server kept sending partial change lists for "
                + settings.addressBook() + ". Run the sync again later.");
    }

    private DavClient.Multistatus propfindMembers(DavClient dav) {
        return dav.propfind(settings.addressBook(), 1, PROPFIND_MEMBERS);
    }

    /** The member resources of a listing: not the collection itself, not sub-collections, not failed ones. */
    private List<String> members(DavClient dav, List<DavClient.Response> responses) {
        Set<String> members = new LinkedHashSet<>();
        for (DavClient.Response r : responses) {
            if (!r.collection() && !isCollection(dav, r) && r.status() / 100 == 2) {
                members.add(r.href());
            }
        }
        return List.copyOf(members);
    }

    private boolean isCollection(DavClient dav, DavClient.Response r) {
        String self = dav.path(settings.addressBook().getRawPath());
        String href = r.href().endsWith("/") ? r.href() : r.href() + "/";
        return href.equals(self);
    }

    /** Fetches cards with addressbook-multiget, in batches, and reports each. */
    private void fetch(SyncContext context, DavClient dav, List<String> paths) {
        int total = paths.size();
        int done = 0;
        for (int i = 0; i < total; i += settings.multigetSize()) {
            context.checkCancelled();
            List<String> batch = paths.subList(i, Math.min(total, i + settings.multigetSize()));
            String hrefs = batch.stream().map(p -> "  <d:href>" + DavClient.xmlText(DavClient.hrefOf(p))
                    + "</d:href>").collect(Collectors.joining("\n"));
            DavClient.Multistatus got = dav.report(settings.addressBook(), 1, """
                        <?xml version="1.0" encoding="utf-8"?>
                        <cr:addressbook-multiget xmlns:d="DAV:" xmlns:cr="urn:ietf:params:xml:ns:carddav">
                          <d:prop><d:getetag/><cr:address-data/></d:prop>
                        %s
                        </cr:addressbook-multiget>""".formatted(hrefs));
            Map<String, DavClient.Response> byPath = got.responses().stream()
                    .collect(Collectors.toMap(DavClient.Response::href, Function.identity(), (a, b) -> a));
            for (String path : batch) {
                report(context, path, byPath.get(path));
            }
            done += batch.size();
            context.progress((int) Math.min(95, (long) done * 95 / Math.max(1, total)),
                    "Reading the CardDAV address book: " + done + " of " + total + " cards");
        }
    }

    private void report(SyncContext context, String path, DavClient.Response r) {
        if (r != null && r.status() == 404) {
            if (context.type() == SyncType.INCREMENTAL) {
                context.delete(path); // removed between the change list and the fetch
            }
            return;
        }
        if (r == null || r.addressData() == null) {
            context.skipped(path, "card " + path + ": the server did not send it");
            return;
        }
        List<VCardCards.Card> cards = VCardCards.read(r.addressData().getBytes(StandardCharsets.UTF_8),
                settings.fallbackCharset());
        VCardCards.Card card = cards.get(0);
        if (card.contact() == null) {
            String name = card.name() == null ? "" : " (\"" + shorten(card.name()) + "\")";
            context.skipped(path, "card " + path + name + ": " + card.problem());
            return;
        }
        Contact c = card.contact();
        context.upsert(new Contact(0, path, c.displayName(), c.givenName(), c.familyName(), c.organization(),
                c.phones(), c.emails(), c.groups(), r.etag(), c.updatedAt(), null));
    }

    private String requireToken(DavClient.Multistatus ms) {
        if (ms.syncToken() == null || ms.syncToken().isBlank()) {
            throw new SyncSourceException("The CardDAV server answered the change list of " + settings.addressBook()
                    + " without a sync token. Run the sync again; if it keeps failing, the server log has the"
                    + " details.");
        }
        return ms.syncToken();
    }

    private static String shorten(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }

    /** The address book this engine reads. */
    public URI addressBook() {
        return settings.addressBook();
    }
}
