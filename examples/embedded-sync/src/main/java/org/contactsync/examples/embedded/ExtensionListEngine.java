package org.contactsync.examples.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneType;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncSourceException;

/**
 * A custom source in a few lines: the office's internal extensions from a text file, one per line as
 * {@code name;number} (blank lines and lines starting with {@code #} are ignored), e.g.
 *
 * <pre>
 * Reception;100
 * Meeting room Turing;2101
 * </pre>
 *
 * <p>An engine only reads and reports: it hands each contact to the {@link SyncContext} and the core decides what to
 * write, counts the changes and, for a full sync, removes contacts the file no longer lists. The name is the source
 * id, so renaming an entry replaces it.
 */
public final class ExtensionListEngine implements SyncEngine {
    private final Path file;

    public ExtensionListEngine(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public String name() {
        return "extensions";
    }

    @Override
    public void sync(SyncContext context) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SyncSourceException("The extension list " + file + " does not exist. Create it with one "
                    + "'name;number' line per extension.");
        } catch (IOException e) {
            throw new SyncSourceException("Could not read the extension list " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            context.checkCancelled();
            context.progress(100 * i / lines.size(), "Reading " + file.getFileName() + ": line " + (i + 1)
                    + " of " + lines.size());
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(";", -1);
            String sourceId = "ext:" + (i + 1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                // One bad line should not cost the rest of the list: skip it and let the run count it.
                context.skipped(sourceId, "line " + (i + 1) + " is not 'name;number': " + line);
                continue;
            }
            String name = parts[0].strip();
            context.upsert(Contact.builder("ext:" + name.toLowerCase(Locale.ROOT))
                    .displayName(name)
                    .organization("Internal")
                    .phone(parts[1].strip(), PhoneType.WORK)
                    .group("Extensions")
                    .build());
        }
        context.progress(100, "Read " + file.getFileName());
    }
}
