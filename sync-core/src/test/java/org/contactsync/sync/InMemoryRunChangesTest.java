package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.sync.changes.ContactChange;
import org.contactsync.sync.changes.InMemoryRunChangeLog;
import org.contactsync.testkit.RunChangesContract;
import org.junit.jupiter.api.Test;

class InMemoryRunChangesTest extends RunChangesContract {
    @Override
    protected Stores newEmptyStores() {
        return new Stores(new InMemorySyncStateStore(), new InMemoryContactStore(), new InMemoryRunChangeLog());
    }

    @Test
    void theInMemoryLogKeepsTheListsOfABoundedNumberOfRunsTheOldestGoingFirst() {
        InMemoryRunChangeLog small = new InMemoryRunChangeLog(java.time.Clock.systemUTC(), 2);
        for (long run = 1; run <= 3; run++) {
            small.append(run, List.of(new ContactChange(ContactChange.Kind.ADD, "default", "id" + run, "N")), 0);
        }

        assertThat(small.page(1, null, 10, 0).page().items()).isEmpty();
        assertThat(small.page(2, null, 10, 0).page().items()).hasSize(1);
        assertThat(small.page(3, null, 10, 0).page().items()).hasSize(1);
    }
}
