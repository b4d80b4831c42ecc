package org.contactsync.jaxrs.directory;

import java.util.Optional;

import org.contactsync.directory.CiscoDirectory;
import org.contactsync.directory.DirectorySnapshot;

/**
 * The directory's stored pages, for a host that can answer before Jersey does (the web application's servlet
 * filter): a GET whose page {@link DirectoryResource} already rendered for the current snapshot, this request's
 * root, charset and model is answered with the stored bytes (or 304) at the cost of a map look-up; anything else
 * (not stored yet, a search, a new snapshot, access denied, no snapshot) is left to Jersey, which renders, stores
 * and answers it. Keys, access and validators come from the same rules the resource uses
 * ({@link PhoneRequestRules}, {@link StoredAnswer}), so both answers are the same.
 */
public final class StoredPages {
    private final CiscoDirectory directory;
    private final PhoneRequestRules rules;
    private final RenderedCache cache;

    StoredPages(CiscoDirectory directory, PhoneRequestRules rules, RenderedCache cache) {
        this.directory = directory;
        this.rules = rules;
        this.cache = cache;
    }

    /**
     * The stored answer to this GET, or empty when the resource must answer it. An access-controlled feed is
     * checked first, so a refused phone never gets stored bytes (the resource answers it with its 403 page).
     */
    public Optional<StoredAnswer> answer(PhoneRequest request) {
        if (!rules.allowed(request)) {
            return Optional.empty();
        }
        DirectorySnapshot snapshot;
        try {
            snapshot = directory.snapshot();
        } catch (RuntimeException e) {
            return Optional.empty(); // the resource logs it and answers 503
        }
        RenderedCache.Rendered page = cache.peek(snapshot.fingerprint(), rules.pageKey(request));
        return page == null ? Optional.empty() : Optional.of(page.answer(request::header));
    }
}
