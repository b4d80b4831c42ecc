package org.contactsync.sync;

/**
 * How many more changes a run may still list: one per run (or preview), shared by the writers of all its sources, so
 * the cap is per run however many sources it reads.
 */
final class ChangeCap {
    private final int limit;
    private int listed;

    ChangeCap(int limit) {
        this.limit = limit;
    }

    synchronized int room() {
        return Math.max(0, limit - listed);
    }

    synchronized void listed(int count) {
        listed += count;
    }
}
