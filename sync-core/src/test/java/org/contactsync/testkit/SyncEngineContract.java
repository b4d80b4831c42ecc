package org.contactsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.contactsync.contact.Contact;
import org.contactsync.sync.CursorExpiredException;
import org.contactsync.sync.SyncCancelledException;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SyncEngine} must do for the core to keep the local copy right: report each contact once, stop
 * within a page of a cancel request, hand over its cursor only at the end, refuse a cursor it cannot continue from
 * with {@link CursorExpiredException}, never let progress go back, and fail a read that fails part way by throwing
 * (so the core deletes nothing and stores no cursor). Each engine's test extends this class and only says how to
 * build the engine over a source of a given size ({@link EngineFixture}); the contract drives the engine directly
 * through a {@link RecordingSyncContext}.
 */
public abstract class SyncEngineContract {
    /** Contacts at the source in every test: several pages for any page size up to 20. */
    protected static final int CONTACTS = 50;
    /** A cursor this engine never handed out (another engine's, or garbage left in the store). */
    protected static final String FOREIGN_CURSOR = "cursor-of-another-engine:42";

    /** The engine under test and the source it reads, as an engine's test builds them. */
    protected interface EngineFixture extends AutoCloseable {
        SyncEngine engine();

        /** The source ids of every contact at the source: what a full read must report. */
        Set<String> sourceIds();

        /** The most contacts the engine reports between two checks of {@link SyncContext#isCancelled()}. */
        int pageSize();

        /** The next read fails part way, after its first page (a dropped connection, a file that cannot be read). */
        void failNextReadPartWay();

        /** Every cursor handed out so far stops being accepted by the source. Only called for cursor engines. */
        default void expireCursors() {
            throw new UnsupportedOperationException("this fixture's engine keeps no cursor");
        }

        @Override
        default void close() throws Exception {
        }
    }

    /** A new source holding {@code contacts} contacts, and the engine that reads it. */
    protected abstract EngineFixture newFixture(int contacts) throws Exception;

    protected EngineFixture source;
    protected SyncEngine engine;

    @BeforeEach
    void buildFixture() throws Exception {
        source = newFixture(CONTACTS);
        engine = source.engine();
    }

    @AfterEach
    void closeFixture() throws Exception {
        // Null when the fixture could not be built (a test skipped because its server is not installed).
        if (source != null) {
            source.close();
        }
    }

    @Test
    void aFullReadReportsEveryContactOfTheSourceExactlyOnce() throws Exception {
        RecordingSyncContext read = RecordingSyncContext.full();

        engine.sync(read);

        assertThat(read.presentIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(source.sourceIds());
        assertThat(read.events()).noneMatch(RecordingSyncContext.Delete.class::isInstance);
    }

    @Test
    void aCancelRequestStopsTheReadWithinOnePage() {
        int page = source.pageSize();
        assertThat(page).as("page size of the fixture").isBetween(1, CONTACTS / 2);
        RecordingSyncContext read = RecordingSyncContext.full().cancelAfter(page);

        assertThatThrownBy(() -> engine.sync(read)).isInstanceOf(SyncCancelledException.class);

        assertThat(read.contactsReported()).as("contacts reported after the first page was read")
                .isBetween(page, 2 * page);
        assertThat(read.cursors()).isEmpty();
    }

    @Test
    void theCursorIsHandedOverOnceAfterTheLastContactOfAFullAndOfAnIncrementalRead() throws Exception {
        RecordingSyncContext full = RecordingSyncContext.full();
        engine.sync(full);
        assertCursorHandedOverOnlyAtTheEnd(full);
        if (!engine.usesCursor()) {
            return;
        }
        RecordingSyncContext incremental = RecordingSyncContext.incremental(full.cursors().get(0), full.storedAfter());

        engine.sync(incremental);

        assertCursorHandedOverOnlyAtTheEnd(incremental);
    }

    @Test
    void aForeignCursorIsRefusedWithCursorExpiredException() {
        assumeTrue(engine.usesCursor(), "the engine keeps no cursor");
        RecordingSyncContext read = RecordingSyncContext.incremental(FOREIGN_CURSOR, Map.of());

        assertThatThrownBy(() -> engine.sync(read)).isInstanceOf(CursorExpiredException.class);
        assertThat(read.cursors()).isEmpty();
    }

    @Test
    void anExpiredCursorIsRefusedWithCursorExpiredException() throws Exception {
        assumeTrue(engine.usesCursor(), "the engine keeps no cursor");
        RecordingSyncContext full = RecordingSyncContext.full();
        engine.sync(full);
        source.expireCursors();
        RecordingSyncContext read = RecordingSyncContext.incremental(full.cursors().get(0), full.storedAfter());

        assertThatThrownBy(() -> engine.sync(read)).isInstanceOf(CursorExpiredException.class);
        assertThat(read.cursors()).isEmpty();
    }

    @Test
    void progressNeverGoesBackAndStaysBetweenZeroAndHundredInAFullAndAnIncrementalRead() throws Exception {
        RecordingSyncContext full = RecordingSyncContext.full();
        engine.sync(full);
        String cursor = full.cursors().isEmpty() ? null : full.cursors().get(0);
        RecordingSyncContext incremental = RecordingSyncContext.incremental(cursor, full.storedAfter());
        engine.sync(incremental);

        assertThat(full.percents()).as("progress of a full read").isNotEmpty();
        for (RecordingSyncContext read : List.of(full, incremental)) {
            assertThat(read.percents()).as("progress of a %s read", read.type())
                    .allSatisfy(p -> assertThat(p).isBetween(0, 100)).isSorted();
        }
    }

    @Test
    void aReadThatFailsPartWayThrowsHandsOverNoCursorAndReportsOnlyWholeContacts() throws Exception {
        RecordingSyncContext complete = RecordingSyncContext.full();
        engine.sync(complete);
        Map<String, String> wholeHashes = new HashMap<>();
        for (Contact c : complete.upserts()) {
            wholeHashes.put(c.sourceId(), c.contentHash());
        }
        source.failNextReadPartWay();
        RecordingSyncContext read = RecordingSyncContext.full();

        Throwable failure = catchThrowable(() -> engine.sync(read));

        // Returning normally would tell the core that every page arrived, and it would delete the rest.
        assertThat(failure).as("the failed read must throw").isNotNull()
                .isNotInstanceOf(SyncCancelledException.class).isNotInstanceOf(CursorExpiredException.class);
        assertThat(read.cursors()).isEmpty();
        assertThat(read.presentIds()).hasSizeLessThan(CONTACTS);
        for (Contact c : read.upserts()) {
            assertThat(c.contentHash()).as("contact %s as a complete read reports it", c.sourceId())
                    .isEqualTo(wholeHashes.get(c.sourceId()));
        }
    }

    private void assertCursorHandedOverOnlyAtTheEnd(RecordingSyncContext read) {
        if (!engine.usesCursor()) {
            assertThat(read.cursors()).as("cursors of an engine that keeps none").isEmpty();
            return;
        }
        assertThat(read.cursors()).singleElement().isNotNull();
        List<RecordingSyncContext.Event> events = read.events();
        int at = events.indexOf(new RecordingSyncContext.NewCursor(read.cursors().get(0)));
        assertThat(events.subList(at + 1, events.size())).as("what the engine reported after the cursor")
                .allMatch(RecordingSyncContext.Progress.class::isInstance);
    }
}
