package org.contactsync.vcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.contactsync.sync.ProgressListener;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.junit.jupiter.api.Test;

/** What people watching a vCard run see, and that a cancel stops the reading. */
class VCardProgressTest {

    @Test
    void reportsCardsReadOfTotalWithMatchingPercent() throws Exception {
        List<SyncRun> seen = new CopyOnWriteArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(SyncRun run) {
                seen.add(run);
            }
        };
        try (VCardRuns runs = new VCardRuns(VCardSyncEngine.bundledSample(), listener)) {
            runs.run(SyncType.FULL);
        }

        assertThat(seen).extracting(SyncRun::currentOperation).contains(
                "Reading sample-contacts.vcf",
                "Reading sample-contacts.vcf: 120 of 300",
                "Read 300 contacts from sample-contacts.vcf");
        SyncRun at120 = seen.stream()
                .filter(r -> "Reading sample-contacts.vcf: 120 of 300".equals(r.currentOperation()))
                .findFirst().orElseThrow();
        assertThat(at120.percent()).isEqualTo(40);
        assertThat(seen).extracting(SyncRun::percent).isSorted();
    }

    @Test
    void cancellingWhileCardsAreReportedStopsTheRunBeforeTheRestIsSaved() throws Exception {
        AtomicReference<SyncManager> manager = new AtomicReference<>();
        ProgressListener cancelAt40 = new ProgressListener() {
            @Override
            public void progress(SyncRun run) {
                if ("Reading sample-contacts.vcf: 40 of 300".equals(run.currentOperation())) {
                    manager.get().cancel();
                }
            }
        };
        try (VCardRuns runs = new VCardRuns(VCardSyncEngine.bundledSample(), 10, cancelAt40)) {
            manager.set(runs.manager);

            SyncRun run = runs.run(SyncType.FULL);

            assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
            // The engine stops at its next check (20 cards on), well before the end of the file; the batches read
            // ahead (two of 10 by default) that the writer had not started when the cancel came stay unwritten.
            assertThat(runs.contacts.count()).isBetween(20L, 60L);
        }
    }
}
