package org.contactsync.alert;

import java.time.Instant;
import java.util.Objects;

import org.contactsync.sync.SyncStats;

/**
 * One alert: what happened, in a sentence for people, and the run it is about. Holds only what a person may see on
 * the sync page (the run's message for people, never its technical detail), so no secret, token or stack trace can
 * reach a chat channel.
 *
 * @param kind        what happened
 * @param text        one line for a chat message (Slack and Teams show the {@code text} field)
 * @param message     the run's message for people, or the staleness sentence; null for a recovery
 * @param runId       the run it is about, or null
 * @param outcome     that run's outcome ("error", "completed", ...), or null
 * @param stats       that run's counts (zero when there is no run)
 * @param occurredAt  when it was noticed
 * @param node        the instance that noticed it
 */
public record Alert(Kind kind, String text, String message, Long runId, String outcome, SyncStats stats,
                    Instant occurredAt, String node) {

    public enum Kind {
        /** A run ended with an error (or was interrupted). */
        RUN_FAILED,
        /** No sync succeeded for longer than the stale-after setting. */
        SYNC_STALE,
        /** A run completed after failures or staleness. */
        RECOVERED;

        /** The {@code event} field: run_failed, sync_stale, recovered. */
        public String eventName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(occurredAt, "occurredAt");
        stats = stats == null ? SyncStats.ZERO : stats;
    }
}
