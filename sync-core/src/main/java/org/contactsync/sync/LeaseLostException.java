package org.contactsync.sync;

/**
 * This node no longer holds the lease of its run (it was unreachable or paused past the lease, and the run was marked
 * interrupted or taken over): the run stops before its next write, so that no two nodes write at once.
 */
public final class LeaseLostException extends SyncSourceException {
    static final String MESSAGE = "This server lost the sync lease (it was unreachable or paused for too long) and "
            + "stopped the sync, so that no two servers write at once. Run the sync again.";

    LeaseLostException(String nodeId) {
        super(MESSAGE, "the store no longer holds the lease of " + nodeId + " on this run", null);
    }
}
