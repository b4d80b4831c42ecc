package org.contactsync.vcard;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the bytes of a .vcf file into text and splits it into cards, checking the structure ez-vcard itself is
 * lenient about: a card cut off without END:VCARD, text outside any card, a file with no card at all, binary data.
 * Each problem becomes a {@link VCardFormatException} naming the line (and card).
 */
final class VCardText {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private VCardText() {
    }

    /** One BEGIN:VCARD … END:VCARD block: its 1-based number in the file, first line, and its lines. */
    record Block(int number, int firstLine, List<String> lines) {
        String text() {
            return String.join("\r\n", lines) + "\r\n";
        }
    }

    /**
     * Decodes the file: a byte order mark decides when there is one; else UTF-8, and when the bytes are not valid
     * UTF-8, Windows-1252 (what older Outlook exports use). Control characters other than tab and line ends mean the
     * file is not text at all.
     */
    static String decode(byte[] bytes) {
        String text;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                text = new String(bytes, WINDOWS_1252);
            }
        }
        int lineNo = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            lineNo++;
            for (int i = 0; i < line.length(); i++) {
                if (isBinary(line.charAt(i))) {
                    throw new VCardFormatException(0, lineNo, "it contains binary data (line " + lineNo
                            + "), so it is not a text file of contacts");
                }
            }
        }
        return text;
    }

    /** Splits decoded text into cards; fails on anything that is not a sequence of complete cards. */
    static List<Block> split(String text) {
        List<String> lines = text.lines().toList();
        List<Block> blocks = new ArrayList<>();
        List<String> current = null;
        int currentStart = 0;
        int depth = 0;
        boolean previousWasAgent = false;
        boolean continuesQuotedPrintable = false;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String raw = lines.get(i);
            String trimmed = raw.strip();
            if (current == null) {
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (isBegin(trimmed)) {
                    current = new ArrayList<>();
                    current.add(raw);
                    currentStart = lineNo;
                    depth = 1;
                    previousWasAgent = false;
                    continuesQuotedPrintable = false;
                    continue;
                }
                if (isEnd(trimmed)) {
                    throw new VCardFormatException(0, lineNo,
                            "line " + lineNo + " has END:VCARD without a BEGIN:VCARD before it");
                }
                if (blocks.isEmpty()) {
                    throw new VCardFormatException(0, lineNo, "line " + lineNo
                            + " should start a card with BEGIN:VCARD but reads " + VCardFormatException.quote(raw));
                }
                throw new VCardFormatException(0, lineNo, "line " + lineNo + " is outside any card (after card "
                        + blocks.size() + "): " + VCardFormatException.quote(raw));
            }
            current.add(raw);
            if (continuesQuotedPrintable) {
                // A quoted-printable soft line break (vCard 2.1): this line is part of the value above.
                continuesQuotedPrintable = raw.endsWith("=");
                continue;
            }
            boolean folded = !raw.isEmpty() && (raw.charAt(0) == ' ' || raw.charAt(0) == '\t');
            if (isBegin(trimmed)) {
                if (!previousWasAgent) {
                    throw new VCardFormatException(blocks.size() + 1, currentStart,
                            "no END:VCARD before the next BEGIN:VCARD on line " + lineNo
                                    + "; the card is incomplete");
                }
                depth++; // vCard 2.1 AGENT: a card embedded in a card
            } else if (isEnd(trimmed)) {
                depth--;
                if (depth == 0) {
                    blocks.add(new Block(blocks.size() + 1, currentStart, List.copyOf(current)));
                    current = null;
                    continue;
                }
            }
            if (!folded) {
                String name = propertyName(trimmed);
                previousWasAgent = name.equals("AGENT") && trimmed.endsWith(":");
                continuesQuotedPrintable = isQuotedPrintable(trimmed) && raw.endsWith("=");
            }
        }
        if (current != null) {
            throw new VCardFormatException(blocks.size() + 1, currentStart,
                    "no END:VCARD; the file ends in the middle of this card and was probably cut off");
        }
        if (blocks.isEmpty()) {
            throw new VCardFormatException(0, 0, "it is empty (it has no BEGIN:VCARD)");
        }
        return blocks;
    }

    private static boolean isBegin(String trimmed) {
        return trimmed.equalsIgnoreCase("BEGIN:VCARD");
    }

    private static boolean isEnd(String trimmed) {
        return trimmed.equalsIgnoreCase("END:VCARD");
    }

    /** The property name of a content line ("item1.TEL;TYPE=CELL:…" → "TEL"). */
    private static String propertyName(String line) {
        int end = line.length();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ':' || c == ';') {
                end = i;
                break;
            }
        }
        String name = line.substring(0, end);
        int dot = name.lastIndexOf('.');
        return (dot >= 0 ? name.substring(dot + 1) : name).toUpperCase(Locale.ROOT);
    }

    private static boolean isQuotedPrintable(String line) {
        int colon = line.indexOf(':');
        String params = colon < 0 ? line : line.substring(0, colon);
        return params.toUpperCase(Locale.ROOT).contains("QUOTED-PRINTABLE");
    }

    private static boolean isBinary(char c) {
        return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F || c == '\uFFFD'
                || (c >= 0x80 && c < 0xA0);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
