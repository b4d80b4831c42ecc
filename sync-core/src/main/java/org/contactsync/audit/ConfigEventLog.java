package org.contactsync.audit;

import java.util.Optional;

import org.contactsync.Page;

/**
 * Where configuration changes are kept for the timeline: append an event, read them newest first. Implementations
 * stamp each event with their own clock (the JDBC one with the database's, shared by every node) and are safe to
 * use from several threads.
 */
public interface ConfigEventLog {
    /** Keeps the event, stamped with the log's clock (any time it carries is replaced), and returns it as kept. */
    ConfigEvent record(ConfigEvent event);

    /** Events newest first (ties: the later recorded first), skipping {@code offset}, at most {@code limit}. */
    Page<ConfigEvent> page(int limit, int offset);

    /** The newest event of this kind for this contact source, e.g. to see whether a setting changed since. */
    Optional<ConfigEvent> latest(String kind, String source);
}
