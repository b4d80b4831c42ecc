package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.Test;

/** The run lease and its heartbeat as a manager's builder takes them. */
class SyncManagerLeaseSettingsTest {
    private final ScriptedSyncEngine engine = new ScriptedSyncEngine()
            .put(TestContacts.person("Anna Lee", "+1 555 0100"));
    private final InMemorySyncStateStore stateStore = new InMemorySyncStateStore();

    private SyncManager.Builder builder() {
        return SyncManager.builder().engine(engine).stateStore(stateStore).contactStore(new InMemoryContactStore())
                .nodeId("node-a");
    }

    @Test
    void aLeaseWithoutAHeartbeatIntervalGetsAHeartbeatWellInsideItThatSeesAnotherNodesCancel() throws Exception {
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(1);
        try (SyncManager manager = builder().lease(Duration.ofSeconds(2)).build()) {
            TriggerResult.Started started = (TriggerResult.Started) manager.trigger(SyncType.FULL);
            gate.awaitReached();

            // As another node would: only this node's heartbeat brings the request to the run.
            assertThat(stateStore.requestCancel(started.run().id())).isTrue();

            SyncRun ended = manager.await(started.run().id(), Duration.ofSeconds(10)).orElseThrow();
            assertThat(ended.status()).isEqualTo(RunStatus.CANCELLED);
        }
    }

    @Test
    void aHeartbeatIntervalAsLongAsTheLeaseIsRefusedNamingBoth() {
        assertThatThrownBy(() -> builder().lease(Duration.ofSeconds(30)).heartbeatInterval(Duration.ofSeconds(30))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heartbeat interval (PT30S)")
                .hasMessageContaining("shorter than the lease (PT30S)");
    }

    @Test
    void aLeaseOrHeartbeatThatIsNotPositiveIsRefusedNamingIt() {
        assertThatThrownBy(() -> builder().lease(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lease");
        assertThatThrownBy(() -> builder().heartbeatInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heartbeatInterval");
        assertThatThrownBy(() -> builder().lease(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
