package org.contactsync.cluster;

import java.util.List;

import org.contactsync.sync.SyncManager;
import org.contactsync.testkit.ScriptedSyncEngine;

/** Two instances, each with its own connection pool, on one PostgreSQL database. */
class PostgresConcurrentTriggerTest extends ConcurrentTriggerSpec {
    private PostgresCluster cluster;

    @Override
    protected List<SyncManager> twoNodes(ScriptedSyncEngine engineA, ScriptedSyncEngine engineB) {
        cluster = PostgresCluster.create("trigger");
        return List.of(cluster.node("a", engineA).manager(), cluster.node("b", engineB).manager());
    }

    @Override
    protected void closeNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
