package org.contactsync.cluster;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.JdbcSettings;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;
import org.contactsync.testkit.PostgresTestDatabase;

/**
 * A node in its own JVM, for {@link NodeCrashTest}: wires a SyncManager over the test PostgreSQL schema with a
 * {@link StreamingSyncEngine}, starts a full run, prints {@value #STARTED} and the run id, and keeps running (and
 * writing batches) until the test kills the process.
 *
 * <p>Arguments: schema, application_name, node id, lease in ms, heartbeat in ms, batch size.
 */
public final class ClusterNodeMain {
    static final String STARTED = "CLUSTER-NODE-RUN-STARTED ";
    static final String NOT_STARTED = "CLUSTER-NODE-RUN-NOT-STARTED ";

    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 6) {
            System.err.println("usage: ClusterNodeMain <schema> <application-name> <node-id> <lease-ms> "
                    + "<heartbeat-ms> <batch-size>");
            System.exit(64);
        }
        JdbcSettings settings = JdbcSettings.postgresql(PostgresTestDatabase.URL + "?ApplicationName=" + args[1]
                        + "&connectTimeout=5", PostgresTestDatabase.USER, null)
                .withSchema(args[0]).withPoolSize(3).withConnectionTimeout(Duration.ofSeconds(5));
        // Never closed: the process is meant to die with its run open.
        ContactSyncDatabase db = ContactSyncDatabase.configure().settings(settings).poolName("child-node")
                .migrate(false).load();
        SyncManager manager = SyncManager.builder()
                .engine(new StreamingSyncEngine())
                .stateStore(db.syncStateStore())
                .contactStore(db.contactStore())
                .nodeId(args[2])
                .lease(Duration.ofMillis(Long.parseLong(args[3])))
                .heartbeatInterval(Duration.ofMillis(Long.parseLong(args[4])))
                .batchSize(Integer.parseInt(args[5]))
                .build();
        TriggerResult result = manager.trigger(SyncType.FULL);
        if (!(result instanceof TriggerResult.Started)) {
            System.out.println(NOT_STARTED + result);
            System.exit(2);
        }
        System.out.println(STARTED + result.run().id());
        System.out.flush();
        // The manager's threads are daemons: keep the JVM alive until it is killed.
        new CountDownLatch(1).await();
    }
}
