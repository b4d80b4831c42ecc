package org.contactsync.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.contactsync.Page;
import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactQuery;
import org.contactsync.contact.ContactStore;
import org.contactsync.testkit.ForwardingContactStore;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.contact.PhoneType;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncTrigger;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class CiscoDirectoryTest {
    private final InMemoryContactStore inner = new InMemoryContactStore();
    /** The in-memory store, counting what the directory asks of it. */
    private final CountingStore store = new CountingStore(inner);
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final CiscoDirectory directory = new CiscoDirectory(store, Duration.ofSeconds(15), clock);

    @Test
    void buildsTheFirstSnapshotOnFirstUseAndThenServesItWithoutAskingTheStore() {
        inner.write(List.of(contact("1", "Anna")), List.of());

        DirectorySnapshot first = directory.snapshot();
        int reads = store.forEachCalls.get();
        int versionChecks = store.versionCalls.get();
        for (int i = 0; i < 1000; i++) {
            assertThat(directory.snapshot()).isSameAs(first);
        }

        assertThat(first.size()).isEqualTo(1);
        assertThat(store.forEachCalls.get()).isEqualTo(reads).isEqualTo(1);
        assertThat(store.versionCalls.get()).as("no version check within the interval").isEqualTo(versionChecks);
    }

    @Test
    void aCompletedSyncRebuildsTheSnapshotAtOnce() {
        DirectorySnapshot before = directory.snapshot();
        inner.write(List.of(contact("1", "Anna")), List.of());

        directory.runFinished(run(RunStatus.COMPLETED));

        assertThat(before.size()).isZero();
        assertThat(directory.snapshot().size()).isEqualTo(1);
        assertThat(directory.snapshot().version()).isEqualTo(inner.version());
    }

    @Test
    void aFailedOrCancelledSyncDoesNotRebuild() {
        DirectorySnapshot before = directory.snapshot();
        inner.write(List.of(contact("1", "Anna")), List.of());

        directory.runFinished(run(RunStatus.ERROR));
        directory.runFinished(run(RunStatus.CANCELLED));

        assertThat(directory.snapshot()).isSameAs(before);
        assertThat(store.forEachCalls.get()).isEqualTo(1);
    }

    @Test
    void changesMadeElsewhereShowUpAfterTheVersionCheckInterval() {
        DirectorySnapshot before = directory.snapshot();
        inner.write(List.of(contact("1", "Anna")), List.of()); // e.g. another node's sync, same database

        clock.advance(Duration.ofSeconds(14));
        assertThat(directory.snapshot()).isSameAs(before);
        clock.advance(Duration.ofSeconds(2));
        DirectorySnapshot after = directory.snapshot();

        assertThat(after.size()).isEqualTo(1);
        assertThat(after.lastModified()).isEqualTo(clock.instant());
    }

    @Test
    void anUnchangedStoreIsNotReadAgain() {
        directory.snapshot();
        clock.advance(Duration.ofMinutes(5));
        directory.snapshot();
        directory.runFinished(run(RunStatus.COMPLETED));

        assertThat(store.forEachCalls.get()).isEqualTo(1);
    }

    @Test
    void keepsLastModifiedWhenARebuildFindsNothingThePhonesSee() {
        inner.write(List.of(contact("1", "Anna")), List.of());
        DirectorySnapshot before = directory.snapshot();
        inner.write(List.of(Contact.builder("1").displayName("Anna").phone("555 0100", PhoneType.MOBILE)
                .email("anna@example.com").build()), List.of());
        clock.advance(Duration.ofMinutes(1));

        DirectorySnapshot after = directory.refresh();

        assertThat(after).isNotSameAs(before);
        assertThat(after.version()).isGreaterThan(before.version());
        assertThat(after.lastModified()).isEqualTo(before.lastModified());
    }

    @Test
    void keepsServingTheLastSnapshotWhenTheStoreFailsLater() {
        inner.write(List.of(contact("1", "Anna")), List.of());
        DirectorySnapshot before = directory.snapshot();
        store.failing = true;
        clock.advance(Duration.ofMinutes(1));

        assertThat(directory.snapshot()).isSameAs(before);
        directory.runFinished(run(RunStatus.COMPLETED)); // logged, not thrown
        assertThat(directory.snapshot()).isSameAs(before);
    }

    @Test
    void failsTheFirstRequestWhenThereIsNothingToServeAndTheStoreIsDown() {
        store.failing = true;
        assertThatThrownBy(directory::snapshot).hasMessageContaining("database down");
    }

    @Test
    void refusesANegativeInterval() {
        assertThatThrownBy(() -> new CiscoDirectory(store, Duration.ofSeconds(-1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("versionCheckInterval");
    }

    private static Contact contact(String sourceId, String name) {
        return Contact.builder(sourceId).displayName(name).phone("555 0100", PhoneType.MOBILE).build();
    }

    private static SyncRun run(RunStatus status) {
        return new SyncRun(1, SyncType.FULL, SyncType.FULL, SyncTrigger.MANUAL, status, Instant.EPOCH,
                Instant.EPOCH, SyncStats.ZERO, 100, "done", null, null, "node-1");
    }

    /** Delegates to a real store and counts the reads that would be database queries in a JDBC store. */
    static final class CountingStore extends ForwardingContactStore {
        final AtomicInteger versionCalls = new AtomicInteger();
        final AtomicInteger forEachCalls = new AtomicInteger();
        volatile boolean failing;

        CountingStore(ContactStore delegate) {
            super(delegate);
        }

        private void check() {
            if (failing) {
                throw new IllegalStateException("database down");
            }
        }

        @Override
        public void forEach(Consumer<Contact> action) {
            forEachCalls.incrementAndGet();
            check();
            delegate.forEach(action);
        }

        @Override
        public long version() {
            versionCalls.incrementAndGet();
            check();
            return delegate.version();
        }
    }
}
