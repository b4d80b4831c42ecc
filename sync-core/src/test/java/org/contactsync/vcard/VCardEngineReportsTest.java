package org.contactsync.vcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.contactsync.vcard.VCardRuns.card;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.contactsync.contact.Contact;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.contact.PhoneType;
import org.contactsync.sync.SyncCancelledException;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncSourceException;
import org.contactsync.sync.SyncType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine itself hands to the core. The core's stats cannot show this (it compares again), so these tests
 * listen at the {@link SyncContext} the engine talks to, backed by a real in-memory store.
 */
class VCardEngineReportsTest {
    @TempDir
    Path dir;

    @Test
    void incrementalReportsOnlyNewAndChangedCardsAndTheDeletedOnes() throws Exception {
        InMemoryContactStore store = new InMemoryContactStore();
        store.write(List.of(contact("u1", "Alice Archer", "+1 212 555 0101"),
                contact("u2", "Bob Baker", "+1 212 555 0102"),
                contact("u3", "Carol Carter", "+1 212 555 0103")), List.of());
        Path file = VCardRuns.write(dir.resolve("contacts.vcf"),
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u2", "Bob Baker", "+1 212 555 0199"),
                card("u4", "Dan Dawson", "+1 212 555 0104"));
        Recording ctx = new Recording(SyncType.INCREMENTAL, store);

        new VCardSyncEngine(file).sync(ctx);

        assertThat(ctx.upserted).extracting(Contact::sourceId).containsExactly("u2", "u4");
        assertThat(ctx.unchanged).containsExactly("u1");
        assertThat(ctx.deleted).containsExactly("u3");
    }

    @Test
    void fullReportsEveryCardAndLeavesDeletionsToTheCore() throws Exception {
        InMemoryContactStore store = new InMemoryContactStore();
        store.write(List.of(contact("u1", "Alice Archer", "+1 212 555 0101"),
                contact("u9", "Zed Zimmer", "+1 212 555 0109")), List.of());
        Path file = VCardRuns.write(dir.resolve("contacts.vcf"),
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u2", "Bob Baker", "+1 212 555 0102"));
        Recording ctx = new Recording(SyncType.FULL, store);

        new VCardSyncEngine(file).sync(ctx);

        assertThat(ctx.upserted).extracting(Contact::sourceId).containsExactly("u1", "u2");
        assertThat(ctx.unchanged).isEmpty();
        assertThat(ctx.deleted).isEmpty();
    }

    @Test
    void reportsNoContactWhenALaterCardIsBroken() throws Exception {
        Path file = VCardRuns.write(dir.resolve("contacts.vcf"),
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u2", "Bob Baker", "+1 212 555 0102"),
                "BEGIN:VCARD", "VERSION:3.0", "FN:Cut");
        Recording ctx = new Recording(SyncType.FULL, new InMemoryContactStore());

        assertThatThrownBy(() -> new VCardSyncEngine(file).sync(ctx)).isInstanceOf(SyncSourceException.class);

        assertThat(ctx.upserted).isEmpty();
        assertThat(ctx.skipped).isEmpty();
    }

    @Test
    void stopsBeforeReportingAnythingWhenCancelled() throws Exception {
        Path file = VCardRuns.write(dir.resolve("contacts.vcf"), card("u1", "Alice Archer", "+1 212 555 0101"));
        Recording ctx = new Recording(SyncType.FULL, new InMemoryContactStore());
        ctx.cancelled = true;

        assertThatThrownBy(() -> new VCardSyncEngine(file).sync(ctx)).isInstanceOf(SyncCancelledException.class);

        assertThat(ctx.upserted).isEmpty();
    }

    @Test
    void namesTheCardAndLineOfASkippedCard() throws Exception {
        Path file = VCardRuns.write(dir.resolve("contacts.vcf"),
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u2", "Bob Baker", "call me"));
        Recording ctx = new Recording(SyncType.FULL, new InMemoryContactStore());

        new VCardSyncEngine(file).sync(ctx);

        assertThat(ctx.skipped).containsExactly(
                "u2: card 2 (line 7, \"Bob Baker\"): phone number \"call me\" has no digits");
    }

    private static Contact contact(String uid, String name, String phone) {
        return Contact.builder(uid).displayName(name).phone(phone, PhoneType.MOBILE).build();
    }

    /** Records what the engine reports; answers stored hashes and ids from a real store. */
    private static final class Recording implements SyncContext {
        private final SyncType type;
        private final InMemoryContactStore store;
        final List<Contact> upserted = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        final List<String> unchanged = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        boolean cancelled;

        Recording(SyncType type, InMemoryContactStore store) {
            this.type = type;
            this.store = store;
        }

        @Override
        public SyncType type() {
            return type;
        }

        @Override
        public Optional<String> cursor() {
            return Optional.empty();
        }

        @Override
        public void upsert(Contact contact) {
            upserted.add(contact);
        }

        @Override
        public void delete(String sourceId) {
            deleted.add(sourceId);
        }

        @Override
        public void unchanged(String sourceId) {
            unchanged.add(sourceId);
        }

        @Override
        public void skipped(String sourceId, String reason) {
            skipped.add(sourceId + ": " + reason);
        }

        @Override
        public void progress(int percent, String currentOperation) {
        }

        @Override
        public void newCursor(String cursor) {
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public Optional<String> storedContentHash(String sourceId) {
            Map<String, String> hashes = store.contentHashes(List.of(sourceId));
            return Optional.ofNullable(hashes.get(sourceId));
        }

        @Override
        public Set<String> storedSourceIds() {
            return store.sourceIds();
        }
    }
}
