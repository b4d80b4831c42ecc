package org.contactsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.contactsync.testkit.TestContacts.people;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.contactsync.contact.Contact;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncState;
import org.contactsync.sync.SyncStatus;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Node A is a separate JVM (what kill -9 or a power cut ends without warning); node B, in this JVM, shares only the
 * PostgreSQL database with it.
 */
class NodeCrashTest {
    private static final Duration CHILD_LEASE = Duration.ofSeconds(3);
    private static final Duration CHILD_HEARTBEAT = Duration.ofSeconds(1);
    private static final int CHILD_BATCH = 50;

    private final List<String> childOutput = new CopyOnWriteArrayList<>();
    private PostgresCluster cluster;
    private Process child;

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aRunWhoseNodeWasKilledIsInterruptedAfterItsLeaseAndAnotherNodeCanRunWithTheStoreConsistent()
            throws Exception {
        cluster = PostgresCluster.create("crash");
        ScriptedSyncEngine engineB = new ScriptedSyncEngine().pageSize(10).put(people(20));
        ClusterNode b = cluster.node("b", engineB, builder -> builder.lease(CHILD_LEASE).heartbeatInterval(CHILD_HEARTBEAT));

        child = startChildNode("a");
        await("the child node to start a run").atMost(Duration.ofSeconds(60))
                .until(() -> startedRunId() != null || !child.isAlive());
        assertThat(startedRunId()).as("run id printed by the child; its output:%n%s", String.join("\n", childOutput))
                .isNotNull();
        long runId = startedRunId();
        // Let the child write a few batches; it keeps writing until it is killed, maybe in the middle of one.
        await("the child to write some batches").atMost(Duration.ofSeconds(30))
                .until(() -> b.manager().contactStore().count() >= 3 * CHILD_BATCH);

        SyncStatus whileAlive = b.manager().status();
        assertThat(whileAlive.state()).isEqualTo(SyncState.RUNNING);
        assertThat(whileAlive.run().id()).isEqualTo(runId);
        assertThat(whileAlive.run().owner()).isEqualTo("node-a");
        assertThat(b.manager().trigger(SyncType.FULL))
                .isInstanceOfSatisfying(TriggerResult.AlreadyRunning.class, r -> assertThat(r.run().id()).isEqualTo(runId));

        child.destroyForcibly();
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("child killed").isTrue();

        // Nobody renews the lease now; once it has run out, any node that looks marks the run interrupted.
        await("the dead node's run to be marked interrupted").atMost(Duration.ofSeconds(30))
                .until(() -> b.manager().status().state() == SyncState.INTERRUPTED);
        SyncRun interrupted = b.manager().status().run();
        assertThat(interrupted.id()).isEqualTo(runId);
        assertThat(interrupted.completedAt()).isNotNull();
        assertThat(interrupted.error())
                .isEqualTo("The sync stopped unexpectedly: the server running it stopped responding. Run the sync again.");

        // Whole batches only: every contact with all its phones, and no batch cut short.
        long written = b.manager().contactStore().count();
        assertThat(written).isGreaterThanOrEqualTo(3 * CHILD_BATCH);
        assertThat(written % CHILD_BATCH).as("contacts beyond whole batches of %d", CHILD_BATCH).isZero();
        assertThat(cluster.contactsWithoutExactly(StreamingSyncEngine.PHONES)).isZero();
        Contact last = b.manager().contactStore().findBySourceId(StreamingSyncEngine.contact((int) written).sourceId())
                .orElseThrow();
        assertThat(last).usingRecursiveComparison().ignoringFields("id", "updatedAt")
                .isEqualTo(StreamingSyncEngine.contact((int) written));

        TriggerResult next = b.manager().trigger(SyncType.FULL);
        assertThat(next).isInstanceOf(TriggerResult.Started.class);
        SyncRun finished = b.manager().await(next.run().id(), Duration.ofSeconds(30)).orElseThrow();
        assertThat(finished.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(finished.stats().added()).isEqualTo(20);
        assertThat(finished.stats().deleted()).isEqualTo(written);
        assertThat(b.manager().contactStore().count()).isEqualTo(20);
        assertThat(cluster.contactsWithoutExactly(1)).isZero();
    }

    private Long startedRunId() {
        return childOutput.stream().filter(l -> l.startsWith(ClusterNodeMain.STARTED))
                .map(l -> Long.parseLong(l.substring(ClusterNodeMain.STARTED.length()).strip()))
                .findFirst().orElse(null);
    }

    /** Starts {@link ClusterNodeMain} in a new JVM on this test's classpath. */
    private Process startChildNode(String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java,
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                ClusterNodeMain.class.getName(),
                cluster.schema(), cluster.applicationName(name), "node-" + name,
                Long.toString(CHILD_LEASE.toMillis()), Long.toString(CHILD_HEARTBEAT.toMillis()),
                Integer.toString(CHILD_BATCH))
                .redirectErrorStream(true);
        Process p = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    childOutput.add(line);
                }
            } catch (IOException e) {
                childOutput.add("(reading the child's output failed: " + e + ")");
            }
        }, "child-node-output");
        reader.setDaemon(true);
        reader.start();
        return p;
    }
}
