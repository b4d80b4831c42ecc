package org.contactsync.vcard;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.contactsync.contact.Contact;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncSourceException;
import org.contactsync.sync.SyncType;
import org.contactsync.vcard.VCardContactMapper.MappedCard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads contacts from a vCard file (.vcf, vCard 2.1, 3.0 or 4.0), e.g. an address book exported from a phone,
 * Outlook or Google Contacts.
 *
 * <p>The whole file is read and checked before any contact is reported, so a broken file fails the run with a
 * message naming the card and line and leaves the stored contacts as they were. A card's source id is its UID;
 * a card without UID gets a hash of its content, so when such a card changes it is stored as a new contact (and the
 * old one removed).
 *
 * <p>FULL reports every card. INCREMENTAL compares each card with the stored copy and reports only new and changed
 * cards, plus the deletion of stored contacts that are no longer in the file. No cursor is kept: the file is the
 * whole truth each time.
 */
public final class VCardSyncEngine implements SyncEngine {
    private static final Logger log = LoggerFactory.getLogger(VCardSyncEngine.class);

    /** The bundled demo address book: a few hundred fictional contacts. */
    public static final String SAMPLE_RESOURCE = "/org/contactsync/vcard/sample-contacts.vcf";

    /** Larger files are refused: an address book of tens of thousands of contacts is a few MB. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    /** How many cards between progress reports and cancellation checks. */
    private static final int REPORT_EVERY = 20;

    /** How much of a skipped card's name its message shows. */
    private static final int NAME_SHOWN = 20;

    /** Opens the vCard data; called once per run. */
    @FunctionalInterface
    public interface Input {
        InputStream open() throws IOException;
    }

    /** What a line without CHARSET that is not UTF-8 is read as: what older Outlook and Nokia exports write. */
    public static final Charset DEFAULT_FALLBACK_CHARSET = Charset.forName("windows-1252");

    private final String fileName;
    private final String location;
    private final Path path;
    private final Input input;
    private final Charset fallbackCharset;

    /** Reads the file at {@code file} on every run (a new export can replace it between runs). */
    public VCardSyncEngine(Path file) {
        this.path = Objects.requireNonNull(file, "file");
        this.fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        this.location = file.toString();
        this.input = null;
        this.fallbackCharset = DEFAULT_FALLBACK_CHARSET;
    }

    private VCardSyncEngine(VCardSyncEngine e, Charset fallbackCharset) {
        this.path = e.path;
        this.fileName = e.fileName;
        this.location = e.location;
        this.input = e.input;
        this.fallbackCharset = Objects.requireNonNull(fallbackCharset, "fallbackCharset");
    }

    /**
     * Reads vCard data from a stream, e.g. a classpath resource.
     *
     * @param fileName how messages name the data, e.g. "sample-contacts.vcf"
     * @param input    opens the data; may return null when it does not exist
     */
    public VCardSyncEngine(String fileName, Input input) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.location = fileName;
        this.input = Objects.requireNonNull(input, "input");
        this.path = null;
        this.fallbackCharset = DEFAULT_FALLBACK_CHARSET;
    }

    /**
     * This engine reading lines that declare no CHARSET and are not valid UTF-8 as {@code charset} instead of
     * {@link #DEFAULT_FALLBACK_CHARSET} (e.g. windows-1250 for Central European exports).
     */
    public VCardSyncEngine withFallbackCharset(Charset charset) {
        return new VCardSyncEngine(this, charset);
    }

    /** What lines without CHARSET that are not UTF-8 are read as. */
    public Charset fallbackCharset() {
        return fallbackCharset;
    }

    /** The bundled sample address book ({@link #SAMPLE_RESOURCE}), for demos and trying ContactSync out. */
    public static VCardSyncEngine bundledSample() {
        return new VCardSyncEngine("sample-contacts.vcf",
                () -> VCardSyncEngine.class.getResourceAsStream(SAMPLE_RESOURCE));
    }

    @Override
    public String name() {
        return "vcard";
    }

    @Override
    public boolean usesCursor() {
        return false;
    }

    /** The file's name as messages show it. */
    public String fileName() {
        return fileName;
    }

    @Override
    public void sync(SyncContext context) {
        context.progress(0, "Reading " + fileName);
        List<MappedCard> cards = readAll();
        context.checkCancelled();

        boolean incremental = context.type() == SyncType.INCREMENTAL;
        Set<String> idsInFile = new LinkedHashSet<>();
        Map<String, MappedCard> firstWithId = new HashMap<>();
        int total = cards.size();
        int done = 0;
        int skipped = 0;
        // A card that could not be read and shows no UID may be any stored contact without UID: keep those.
        MappedCard unidentified = cards.stream().filter(c -> c.skipped() && c.sourceId() == null).findFirst()
                .orElse(null);
        // One look-up for the whole file instead of one query per card.
        Map<String, String> storedHashes = incremental
                ? context.storedContentHashes(cards.stream().map(MappedCard::sourceId).distinct().toList())
                : Map.of();
        for (MappedCard card : cards) {
            if (done % REPORT_EVERY == 0) {
                context.checkCancelled();
                context.progress(percent(done, total), "Reading " + fileName + ": " + done + " of " + total);
            }
            done++;
            if (card.sourceId() == null) {
                skipped++;
                context.skipped(null, where(card) + ": " + card.skipReason() + (card == unidentified
                        ? "; it shows no UID, so the stored contacts without UID that are not in the file are kept"
                        + " this time" : ""));
                continue;
            }
            MappedCard first = firstWithId.putIfAbsent(card.sourceId(), card);
            idsInFile.add(card.sourceId());
            if (first != null) {
                skipped++;
                context.skipped(card.sourceId(), where(card) + ": " + duplicateReason(card, first));
            } else if (card.skipped()) {
                skipped++;
                context.skipped(card.sourceId(), where(card) + ": " + card.skipReason());
            } else if (!incremental) {
                context.upsert(card.contact());
            } else {
                if (card.contact().contentHash().equals(storedHashes.get(card.sourceId()))) {
                    context.unchanged(card.sourceId());
                } else {
                    context.upsert(card.contact());
                }
            }
        }
        if (incremental || unidentified != null) {
            List<String> gone = new ArrayList<>();
            for (String id : context.storedSourceIds()) {
                if (idsInFile.contains(id)) {
                    continue;
                }
                if (unidentified != null && id.startsWith(VCardContactMapper.CONTENT_ID_PREFIX)) {
                    context.unchanged(id); // kept as it is: it may be the card that could not be read
                } else if (incremental) {
                    gone.add(id);
                }
            }
            context.progress(percent(done, total), "Removing " + gone.size() + " contacts no longer in " + fileName);
            for (int i = 0; i < gone.size(); i++) {
                if (i % REPORT_EVERY == 0) {
                    context.checkCancelled();
                }
                context.delete(gone.get(i));
            }
        }
        context.progress(100, "Read " + total + " contacts from " + fileName
                + (skipped == 0 ? "" : " (" + skipped + " skipped)"));
        log.debug("Read {} cards from {} ({} skipped)", total, location, skipped);
    }

    /** Reads and checks the whole file; nothing has been reported when this throws. */
    private List<MappedCard> readAll() {
        byte[] bytes = readBytes();
        VCardFileParser.ParsedFile file;
        try {
            file = VCardFileParser.parse(bytes, fallbackCharset);
        } catch (VCardFormatException e) {
            throw new SyncSourceException(fileName + " is not a valid vCard file: " + e.getMessage()
                    + ". Fix or re-export the file and run the sync again.",
                    location + ": " + e.getMessage(), e);
        }
        for (String note : file.notes()) {
            log.info("{}: {}", location, note);
        }
        List<MappedCard> cards = new ArrayList<>(file.cards().size());
        for (VCardFileParser.ParsedCard card : file.cards()) {
            cards.add(VCardContactMapper.map(card));
        }
        return cards;
    }

    private byte[] readBytes() {
        try {
            if (path != null) {
                if (Files.isDirectory(path)) {
                    throw new SyncSourceException("Could not read the vCard file " + location
                            + ": it is a folder, not a file. Set the path of the .vcf file itself and run the sync"
                            + " again.");
                }
                long size = Files.size(path);
                if (size > MAX_FILE_BYTES) {
                    throw tooLarge(size);
                }
                return Files.readAllBytes(path);
            }
            try (InputStream in = input.open()) {
                if (in == null) {
                    throw new FileNotFoundException(location);
                }
                byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    throw tooLarge(bytes.length);
                }
                return bytes;
            }
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new SyncSourceException("Could not read the vCard file " + location
                    + ": it does not exist. Check the file's path (or export the contacts again) and run the sync"
                    + " again.", e);
        } catch (AccessDeniedException e) {
            throw new SyncSourceException("Could not read the vCard file " + location
                    + ": the server is not allowed to read it. Give the server's user read access to the file and"
                    + " run the sync again.", e);
        } catch (IOException e) {
            throw new SyncSourceException("Could not read the vCard file " + location + ": reading it failed."
                    + " Check the file and the disk it is on, and run the sync again.", e);
        }
    }

    private SyncSourceException tooLarge(long size) {
        return new SyncSourceException("Could not read the vCard file " + location + ": it is "
                + (size / (1024 * 1024)) + " MB, more than the " + (MAX_FILE_BYTES / (1024 * 1024))
                + " MB this reader accepts. Check that it is the right file, or split it.");
    }

    /** "card 3 (line 12, "Ayşe Öztürk")": where the card is and, when known, the start of its name. */
    private static String where(MappedCard card) {
        String name = card.name() == null ? "" : ", " + VCardFormatException.quote(card.name(), NAME_SHOWN);
        return "card " + card.number() + " (line " + card.firstLine() + name + ")";
    }

    private static String duplicateReason(MappedCard card, MappedCard first) {
        String what = card.sourceId().startsWith(VCardContactMapper.CONTENT_ID_PREFIX)
                ? "it is an exact copy of card " : "it has the same UID as card ";
        return what + first.number() + " (line " + first.firstLine() + "); only the first is imported";
    }

    private static int percent(int done, int total) {
        return total == 0 ? 100 : (int) ((long) done * 100 / total);
    }
}
