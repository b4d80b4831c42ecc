package org.contactsync.vcard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import ezvcard.VCard;
import ezvcard.io.ParseWarning;
import ezvcard.io.text.VCardReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a whole file into cards before anything is reported, so a broken file changes nothing. ez-vcard is lenient
 * (it skips lines it cannot read and accepts a card without END:VCARD), so the structure is checked by
 * {@link VCardText} first and ez-vcard's "skipped line" warnings are treated as a broken file.
 */
final class VCardFileParser {
    private static final Logger log = LoggerFactory.getLogger(VCardFileParser.class);

    /** ez-vcard's warning code for a line it skipped: not a property, or an unknown VERSION. */
    private static final int SKIPPED_LINE = 27;

    private VCardFileParser() {
    }

    /** One card as ez-vcard read it, with where it starts in the file. */
    record ParsedCard(int number, int firstLine, VCard vcard) {
    }

    static List<ParsedCard> parse(byte[] bytes) {
        List<VCardText.Block> blocks = VCardText.split(VCardText.decode(bytes));
        List<ParsedCard> cards = new ArrayList<>(blocks.size());
        for (VCardText.Block block : blocks) {
            cards.add(parse(block));
        }
        return cards;
    }

    private static ParsedCard parse(VCardText.Block block) {
        try (VCardReader reader = new VCardReader(block.text())) {
            VCard card = reader.readNext();
            List<ParseWarning> warnings = List.copyOf(reader.getWarnings());
            if (card == null) {
                throw new VCardFormatException(block.number(), block.firstLine(), "the card could not be read");
            }
            for (ParseWarning w : warnings) {
                int line = w.getLineNumber() == null ? block.firstLine() : block.firstLine() + w.getLineNumber() - 1;
                Integer code = w.getCode();
                if (code != null && code == SKIPPED_LINE) {
                    throw new VCardFormatException(block.number(), line, skippedLineProblem(block, line, w));
                }
                // Other warnings (an unparsable date, an unknown charset) lose at most one value: keep going.
                log.debug("vCard card {} line {}: {}", block.number(), line, w.getMessage());
            }
            return new ParsedCard(block.number(), block.firstLine(), card);
        } catch (IOException e) {
            // Reading from a String does not do I/O; ez-vcard declares it anyway.
            throw new UncheckedIOException(e);
        }
    }

    private static String skippedLineProblem(VCardText.Block block, int line, ParseWarning w) {
        int index = line - block.firstLine();
        String raw = index >= 0 && index < block.lines().size() ? block.lines().get(index) : "";
        if ("VERSION".equalsIgnoreCase(w.getPropertyName())) {
            return VCardFormatException.quote(raw) + " is not a vCard version this reader knows (2.1, 3.0 or 4.0)";
        }
        return "this line is not a vCard property (NAME:value): " + VCardFormatException.quote(raw);
    }
}
