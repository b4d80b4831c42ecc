package org.contactsync.examples.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.contactsync.sync.SyncEngine;
import org.contactsync.testkit.SyncEngineContract;
import org.junit.jupiter.api.io.TempDir;

/** A custom engine checked with the test kit's contract: all an engine author writes is how to build its source. */
class ExtensionListEngineContractTest extends SyncEngineContract {
    @TempDir
    Path dir;

    @Override
    protected EngineFixture newFixture(int contacts) throws IOException {
        Path file = dir.resolve("extensions.txt");
        StringBuilder lines = new StringBuilder("# name;number\n");
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 1; i <= contacts; i++) {
            String name = "Room " + i;
            lines.append(name).append(';').append(2100 + i).append('\n');
            ids.add("ext:" + name.toLowerCase(Locale.ROOT));
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        ExtensionListEngine engine = new ExtensionListEngine(file);
        return new EngineFixture() {
            @Override
            public SyncEngine engine() {
                return engine;
            }

            @Override
            public Set<String> sourceIds() {
                return ids;
            }

            @Override
            public int pageSize() {
                return 1; // it checks for a cancel before every line
            }

            @Override
            public void failNextReadPartWay() {
                try {
                    // The file is read whole before anything is reported: a file that went away fails the read.
                    Files.delete(file);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
