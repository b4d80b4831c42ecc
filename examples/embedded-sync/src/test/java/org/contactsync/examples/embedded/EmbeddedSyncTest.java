package org.contactsync.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.vcard.VCardSyncEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedSyncTest {
    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void syncsTheBundledSampleIntoDerbyPrintingProgressAndHistoryAndKeepsBothForTheNextStart() throws Exception {
        EmbeddedSync.Result result = EmbeddedSync.run(dataDir, VCardSyncEngine.bundledSample(), out);

        assertThat(result.contacts()).isGreaterThan(100);
        assertThat(result.history()).hasSize(2);
        SyncRun incremental = result.history().get(0);
        SyncRun full = result.history().get(1);
        assertThat(full.type()).isEqualTo(SyncType.FULL);
        assertThat(full.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(full.stats().added()).isEqualTo(result.contacts());
        assertThat(incremental.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(incremental.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(incremental.stats().added() + incremental.stats().updated() + incremental.stats().deleted())
                .isZero();

        assertThat(output())
                .contains("Run " + full.id() + " (full) started")
                .contains("[  0%]")
                .containsPattern("\\[ *[1-9]0%\\] Reading sample-contacts.vcf")
                .contains("Run " + full.id() + " completed: " + result.contacts() + " added, 0 updated, 0 deleted")
                .contains("Run " + incremental.id() + " (incremental) started")
                .contains("History (newest first):")
                .containsPattern("#" + incremental.id() + " +incremental +completed")
                .containsPattern("#" + full.id() + " +full +completed .* \\+" + result.contacts() + " ~0 -0")
                .contains(result.contacts() + " contacts in the database");
        assertThat(output().indexOf("#" + incremental.id())).isLessThan(output().indexOf("#" + full.id() + " "));
        assertThat(dataDir.resolve("contactsync")).isDirectory();

        // Run again on the same directory: the database kept the contacts and the history.
        EmbeddedSync.Result again = EmbeddedSync.run(dataDir, VCardSyncEngine.bundledSample(), out);
        assertThat(again.contacts()).isEqualTo(result.contacts());
        assertThat(again.history()).hasSize(4);
        SyncRun secondFull = again.history().get(1);
        assertThat(secondFull.type()).isEqualTo(SyncType.FULL);
        assertThat(secondFull.stats().added() + secondFull.stats().updated()).isZero();
        assertThat(secondFull.stats().unchanged()).isEqualTo(result.contacts());
        assertThat(output()).contains("Syncing vcard into " + dataDir.toAbsolutePath() + " (" + result.contacts()
                + " contacts stored)");
    }

    @Test
    void aCustomEngineSyncsAnExtensionListSkipsBadLinesAndRemovesDroppedEntries() throws Exception {
        Path list = dataDir.resolve("extensions.txt");
        Files.writeString(list, "# internal numbers\nReception;100\nMeeting room Turing;2101\nno number here\n");

        EmbeddedSync.Result first = EmbeddedSync.run(dataDir.resolve("db"), new ExtensionListEngine(list), out);
        assertThat(first.contacts()).isEqualTo(2);
        SyncRun firstFull = first.history().get(1);
        assertThat(firstFull.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(firstFull.stats().added()).isEqualTo(2);
        assertThat(firstFull.stats().errors()).isEqualTo(1);
        assertThat(output()).contains("2 added, 0 updated, 0 deleted, 0 unchanged, 1 skipped");

        Files.writeString(list, "Reception;100\n");
        EmbeddedSync.Result second = EmbeddedSync.run(dataDir.resolve("db"), new ExtensionListEngine(list), out);
        assertThat(second.contacts()).isEqualTo(1);
        SyncRun secondFull = second.history().get(1);
        assertThat(secondFull.stats().deleted()).isEqualTo(1);
        assertThat(secondFull.stats().unchanged()).isEqualTo(1);
    }

    @Test
    void aMissingSourceEndsTheRunWithAClearErrorInTheHistory() throws Exception {
        Path missing = dataDir.resolve("no-such-list.txt");

        EmbeddedSync.Result result = EmbeddedSync.run(dataDir.resolve("db"), new ExtensionListEngine(missing), out);

        assertThat(result.history()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.ERROR);
            assertThat(r.error()).contains("no-such-list.txt does not exist");
        });
        assertThat(output()).contains("error: 0 added").contains("does not exist. Create it with one 'name;number'");
        assertThat(result.contacts()).isZero();
    }
}
