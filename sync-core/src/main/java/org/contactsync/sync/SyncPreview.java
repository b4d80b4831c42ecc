package org.contactsync.sync;

import java.util.List;

/**
 * The result of a dry run: what a sync would change, without having changed anything.
 *
 * @param type      the type that would run
 * @param stats     the counts a real run would have
 * @param changes   the first changes (at most {@link #MAX_LISTED}); {@code stats} has the full counts
 * @param truncated whether there were more changes than listed
 */
public record SyncPreview(SyncType type, SyncStats stats, List<PlannedChange> changes, boolean truncated) {
    public static final int MAX_LISTED = 200;

    public SyncPreview {
        changes = List.copyOf(changes);
    }
}
