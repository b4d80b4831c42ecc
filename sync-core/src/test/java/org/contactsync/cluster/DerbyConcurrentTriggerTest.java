package org.contactsync.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.JdbcSettings;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncManager;
import org.contactsync.testkit.ScriptedSyncEngine;

/**
 * Embedded Derby serves one instance only (its files belong to one JVM), but the lease is the same code path: two
 * managers in that JVM on one Derby database still start exactly one run between them.
 */
class DerbyConcurrentTriggerTest extends ConcurrentTriggerSpec {
    private ContactSyncDatabase db;
    private final List<SyncManager> managers = new ArrayList<>();

    @Override
    protected List<SyncManager> twoNodes(ScriptedSyncEngine engineA, ScriptedSyncEngine engineB) {
        db = ContactSyncDatabase.configure()
                .settings(JdbcSettings.derbyInMemory("cluster-" + UUID.randomUUID()).withPoolSize(8))
                .poolName("derby-cluster").load();
        managers.add(manager("node-a", engineA));
        managers.add(manager("node-b", engineB));
        return List.copyOf(managers);
    }

    private SyncManager manager(String nodeId, SyncEngine engine) {
        return SyncManager.builder().engine(engine).stateStore(db.syncStateStore()).contactStore(db.contactStore())
                .nodeId(nodeId).lease(PostgresCluster.LEASE).heartbeatInterval(PostgresCluster.HEARTBEAT)
                .batchSize(10).progressSaveInterval(Duration.ofMillis(100)).build();
    }

    @Override
    protected void closeNodes() {
        managers.forEach(SyncManager::close);
        if (db != null) {
            db.close();
        }
    }
}
