package org.contactsync.cluster;

import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.sync.SyncManager;

/**
 * One app instance as the tests see it: its own connection pool on the shared database and its own SyncManager,
 * like a copy of the WAR behind a load balancer.
 *
 * @param name            short name ("a", "b"); also the manager's node id and the end of its pool's application_name
 * @param applicationName what this node's connections report in pg_stat_activity (null on Derby)
 */
record ClusterNode(String name, String applicationName, ContactSyncDatabase database, SyncManager manager)
        implements AutoCloseable {

    /** Stops the manager first (it may still record a run's end), then closes the pool. */
    @Override
    public void close() {
        try {
            manager.close();
        } finally {
            database.close();
        }
    }
}
