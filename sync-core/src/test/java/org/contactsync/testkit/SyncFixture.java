package org.contactsync.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import org.contactsync.contact.ContactStore;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.sync.InMemorySyncStateStore;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStateStore;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;

/**
 * One engine, in-memory stores and the managers ("nodes") on them, closed together. Short lease and heartbeat so
 * tests run fast; each node is a separate {@link SyncManager}, as on separate servers sharing one database.
 *
 * <pre>{@code
 * try (SyncFixture sync = new SyncFixture(engine)) {
 *     SyncRun run = sync.runToEnd(SyncType.FULL);
 * }
 * }</pre>
 */
public final class SyncFixture implements AutoCloseable {
    private final SyncEngine engine;
    private final SyncStateStore stateStore;
    private final ContactStore contactStore;
    private final List<SyncManager> managers = new ArrayList<>();
    private final SyncManager manager;

    public SyncFixture(SyncEngine engine) {
        this(engine, new InMemorySyncStateStore(), new InMemoryContactStore());
    }

    /** With a store clock of the test's (e.g. {@link MutableClock}). */
    public SyncFixture(SyncEngine engine, Clock stateStoreClock) {
        this(engine, new InMemorySyncStateStore(stateStoreClock), new InMemoryContactStore());
    }

    public SyncFixture(SyncEngine engine, SyncStateStore stateStore, ContactStore contactStore) {
        this.engine = engine;
        this.stateStore = stateStore;
        this.contactStore = contactStore;
        this.manager = newNode("node-a", UnaryOperator.identity());
    }

    /** The first node. */
    public SyncManager manager() {
        return manager;
    }

    /** Another node on the same stores and engine. */
    public SyncManager newNode(String nodeId) {
        return newNode(nodeId, UnaryOperator.identity());
    }

    /** Another node, with builder settings of the test's (lease, heartbeat, batch size, listeners). */
    public SyncManager newNode(String nodeId, UnaryOperator<SyncManager.Builder> settings) {
        SyncManager.Builder b = SyncManager.builder().engine(engine).stateStore(stateStore).contactStore(contactStore)
                .nodeId(nodeId).lease(Duration.ofSeconds(5)).heartbeatInterval(Duration.ofMillis(100))
                .progressSaveInterval(Duration.ofMillis(20));
        SyncManager m = settings.apply(b).build();
        synchronized (managers) {
            managers.add(m);
        }
        return m;
    }

    public SyncStateStore stateStore() {
        return stateStore;
    }

    public ContactStore contacts() {
        return contactStore;
    }

    /** Triggers a manual run on the first node, waits for it to end (10 s at most) and returns it as stored. */
    public SyncRun runToEnd(SyncType type) throws InterruptedException, TimeoutException {
        return runToEnd(manager, type);
    }

    public static SyncRun runToEnd(SyncManager node, SyncType type) throws InterruptedException, TimeoutException {
        TriggerResult result = node.trigger(type);
        if (!(result instanceof TriggerResult.Started started)) {
            throw new AssertionError("expected a run to start, got " + result);
        }
        return node.await(started.run().id(), Duration.ofSeconds(10))
                .orElseThrow(() -> new AssertionError("run " + started.run().id() + " vanished from the store"));
    }

    @Override
    public void close() {
        synchronized (managers) {
            managers.forEach(SyncManager::close);
        }
    }
}
