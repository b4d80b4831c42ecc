package org.contactsync.vcard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ezvcard.VCard;
import ezvcard.io.ParseWarning;
import ezvcard.io.text.VCardReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a whole file into cards before anything is reported, so a file that fails as a whole changes nothing.
 * {@link VCardText} does the byte work (line ends, folds, charsets) and the structure; each card is then read by
 * ez-vcard. A card that cannot be read comes back with its problem (and the UID and name its raw lines show), so the
 * engine can skip it and keep its stored copy.
 */
final class VCardFileParser {
    private static final Logger log = LoggerFactory.getLogger(VCardFileParser.class);

    /** ez-vcard's warning code for a line it skipped: not a property, or an unknown VERSION. */
    private static final int SKIPPED_LINE = 27;

    private VCardFileParser() {
    }

    /**
     * One card: read by ez-vcard ({@code vcard}), or not ({@code problem}, with the UID and name found in its raw
     * lines, either may be null).
     */
    record ParsedCard(int number, int firstLine, VCard vcard, String problem, String rawUid, String rawName) {
    }

    /** The cards of a file and what was tolerated on the way (for the run's detail). */
    record ParsedFile(List<ParsedCard> cards, List<String> notes) {
    }

    static ParsedFile parse(byte[] bytes, Charset fallback) {
        List<String> notes = new ArrayList<>();
        List<VCardText.Block> blocks = VCardText.split(VCardText.lines(bytes, fallback, notes), notes);
        List<ParsedCard> cards = new ArrayList<>(blocks.size());
        for (VCardText.Block block : blocks) {
            cards.add(parse(block, notes));
        }
        return new ParsedFile(cards, List.copyOf(notes));
    }

    private static ParsedCard parse(VCardText.Block block, List<String> notes) {
        String uid = rawValue(block, "UID");
        String name = rawValue(block, "FN");
        if (name == null) {
            name = rawValue(block, "N");
        }
        if (block.problem() != null) {
            return unreadable(block, block.problem(), uid, name);
        }
        List<VCardText.Line> kept = new ArrayList<>(block.lines().size());
        for (VCardText.Line line : block.lines()) {
            String t = line.text().strip();
            if (VCardText.isBegin(t) || VCardText.isEnd(t)) {
                kept.add(line);
            } else if (!VCardText.isPropertyLine(t)) {
                notes.add("card " + block.number() + " line " + line.number() + ": ignored a line that is not a"
                        + " vCard property: " + VCardFormatException.quote(t));
            } else if (VCardText.propertyName(t).equals("VERSION")) {
                String version = normalVersion(t.substring(VCardText.valueStart(t) + 1).strip());
                if (version == null) {
                    return unreadable(block, VCardFormatException.quote(t) + " is not a vCard version this reader"
                            + " knows (2.1, 3.0 or 4.0)", uid, name);
                }
                kept.add(new VCardText.Line(line.number(), "VERSION:" + version));
            } else {
                kept.add(line);
            }
        }
        VCardText.Block clean = new VCardText.Block(block.number(), block.firstLine(), kept, null);
        try (VCardReader reader = new VCardReader(clean.text())) {
            VCard card = reader.readNext();
            if (card == null) {
                return unreadable(block, "the card could not be read", uid, name);
            }
            for (ParseWarning w : reader.getWarnings()) {
                int line = w.getLineNumber() == null ? block.firstLine() : clean.fileLine(w.getLineNumber() - 1);
                Integer code = w.getCode();
                if (code != null && code == SKIPPED_LINE) {
                    notes.add("card " + block.number() + " line " + line + ": ignored a line the vCard reader"
                            + " could not use");
                }
                // Other warnings (an unparsable date, an odd parameter) lose at most one value: keep going.
                log.debug("vCard card {} line {}: {}", block.number(), line, w.getMessage());
            }
            return new ParsedCard(block.number(), block.firstLine(), card, null, uid, name);
        } catch (IOException e) {
            // Reading from a String does not do I/O; ez-vcard declares it anyway.
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            log.warn("vCard card {} (line {}) could not be read", block.number(), block.firstLine(), e);
            return unreadable(block, "the card could not be read", uid, name);
        }
    }

    private static ParsedCard unreadable(VCardText.Block block, String problem, String uid, String name) {
        return new ParsedCard(block.number(), block.firstLine(), null, problem, uid, name);
    }

    /** "4" and "4.0" are 4.0, "3"/"3.0" 3.0, "2"/"2.1" 2.1; null for anything else. */
    private static String normalVersion(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "4", "4.0" -> "4.0";
            case "3", "3.0" -> "3.0";
            case "2", "2.1" -> "2.1";
            default -> null;
        };
    }

    /** The value of the first top-level {@code name} line, as written (for a card ez-vcard could not read). */
    private static String rawValue(VCardText.Block block, String name) {
        int depth = 0;
        for (VCardText.Line line : block.lines()) {
            String t = line.text().strip();
            if (VCardText.isBegin(t)) {
                depth++;
            } else if (VCardText.isEnd(t)) {
                depth--;
            } else if (depth <= 1 && VCardText.isPropertyLine(t) && VCardText.propertyName(t).equals(name)) {
                String head = t.substring(0, VCardText.valueStart(t)).toUpperCase(Locale.ROOT);
                String value = t.substring(VCardText.valueStart(t) + 1).strip();
                if (head.contains("QUOTED-PRINTABLE") || value.isEmpty()) {
                    continue;
                }
                return name.equals("N") ? value.replace(';', ' ').strip() : value;
            }
        }
        return null;
    }
}
