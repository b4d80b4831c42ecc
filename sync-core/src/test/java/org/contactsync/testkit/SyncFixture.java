package org.contactsync.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import org.contactsync.contact.ContactStore;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.sync.InMemorySyncStateStore;
import org.contactsync.sync.RunRequest;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStateStore;
import org.contactsync.sync.SyncTrigger;
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
    /** The sources every node is built with: one "default" source, or the named ones in order. */
    private final UnaryOperator<SyncManager.Builder> sources;
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
        this(b -> b.engine(engine), stateStore, contactStore);
    }

    /**
     * Named sources (name → engine, in the order runs read them) on in-memory stores.
     *
     * <pre>{@code
     * Map<String, SyncEngine> sources = new LinkedHashMap<>();
     * sources.put("staff", staffEngine);
     * sources.put("customers", customerEngine);
     * try (SyncFixture sync = SyncFixture.ofSources(sources)) { ... }
     * }</pre>
     */
    public static SyncFixture ofSources(Map<String, SyncEngine> sources) {
        return ofSources(sources, new InMemorySyncStateStore(), new InMemoryContactStore());
    }

    /** Named sources (name → engine, in the map's order) on the given stores. */
    public static SyncFixture ofSources(Map<String, SyncEngine> sources, SyncStateStore stateStore,
                                        ContactStore contactStore) {
        Map<String, SyncEngine> ordered = new LinkedHashMap<>(sources);
        return new SyncFixture(b -> {
            ordered.forEach(b::source);
            return b;
        }, stateStore, contactStore);
    }

    private SyncFixture(UnaryOperator<SyncManager.Builder> sources, SyncStateStore stateStore,
                        ContactStore contactStore) {
        this.sources = sources;
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
        SyncManager.Builder b = sources.apply(SyncManager.builder()).stateStore(stateStore).contactStore(contactStore)
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
        return runToEnd(node, new RunRequest(type, SyncTrigger.MANUAL));
    }

    /** Triggers the request on the node, waits for its run to end (10 s at most) and returns it as stored. */
    public static SyncRun runToEnd(SyncManager node, RunRequest request) throws InterruptedException,
            TimeoutException {
        TriggerResult result = node.trigger(request);
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
