package org.contactsync.vcard;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the bytes of a .vcf file into logical lines and splits them into cards, the way real exporters write them.
 *
 * <p>This works on bytes, before ez-vcard sees any text, because the charset is a property of each line (vCard 2.1
 * {@code CHARSET=}, or none and whatever the exporter used): a file decoded as a whole cannot hold a Shift_JIS name
 * next to a UTF-8 one, and a fold that splits a multi-byte UTF-8 character only decodes once the fold is removed.
 * So lines are unfolded (folds, quoted-printable soft breaks, a trailing-backslash continuation, unindented base64
 * lines) on bytes, then each line is decoded: its CHARSET when given, else UTF-8 when valid, else the fallback.
 *
 * <p>Structure: a card that is not closed before the next BEGIN:VCARD, or text outside any card that looks like
 * properties, becomes a card that cannot be read (skipped by the engine, its stored copy kept). A file that is not a
 * vCard file, is empty, holds binary data or ends inside a card fails as a whole ({@link VCardFormatException}).
 */
final class VCardText {
    private VCardText() {
    }

    /** A logical line (unfolded, decoded) and the 1-based number of its first physical line. */
    record Line(int number, String text) {
    }

    /**
     * One BEGIN:VCARD … END:VCARD block: its 1-based number, first line, lines, and why it cannot be read (or null).
     */
    record Block(int number, int firstLine, List<Line> lines, String problem) {
        /** The card as ez-vcard reads it: one logical line per text line. */
        String text() {
            StringBuilder sb = new StringBuilder();
            for (Line l : lines) {
                sb.append(l.text()).append("\r\n");
            }
            return sb.toString();
        }

        /** The file's line number of the {@code index}-th (0-based) line of {@link #text()}. */
        int fileLine(int index) {
            return index >= 0 && index < lines.size() ? lines.get(index).number() : firstLine;
        }
    }

    /** Reads bytes into logical lines; {@code notes} collects what was tolerated, for the run's detail. */
    static List<Line> lines(byte[] bytes, Charset fallback, List<String> notes) {
        boolean utf16 = false;
        int start = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            start = 3;
        } else if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
            // UTF-16 (Windows "Unicode" exports): decode it all, then go on as UTF-8 with CHARSET ignored.
            Charset cs = bytes[0] == (byte) 0xFF ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
            bytes = new String(bytes, 2, bytes.length - 2, cs).getBytes(StandardCharsets.UTF_8);
            utf16 = true;
        }
        List<byte[]> physical = physicalLines(bytes, start);
        List<Line> lines = new ArrayList<>();
        Logical current = null;
        for (int i = 0; i < physical.size(); i++) {
            byte[] p = physical.get(i);
            if (startsWith(p, 0xEF, 0xBB, 0xBF)) {
                p = Arrays.copyOfRange(p, 3, p.length); // a BOM mid-file: exports joined with "copy /b"
            }
            if (current != null && current.takes(p)) {
                continue;
            }
            if (current != null) {
                lines.add(current.decode(utf16, fallback, notes));
                current = null;
            }
            if (!isBlank(p)) {
                current = new Logical(i + 1, p);
            }
        }
        if (current != null) {
            lines.add(current.decode(utf16, fallback, notes));
        }
        return lines;
    }

    /**
     * Splits logical lines into cards. Blank lines and {@code #} comment lines are skipped anywhere; other text
     * between cards is ignored unless it looks like a card's properties (then it is a card without BEGIN:VCARD).
     */
    static List<Block> split(List<Line> lines, List<String> notes) {
        List<Block> blocks = new ArrayList<>();
        List<Line> current = null;
        List<Line> outside = new ArrayList<>();
        int depth = 0;
        boolean previousWasAgent = false;
        for (Line line : lines) {
            String t = line.text().strip();
            if (t.startsWith("#")) {
                continue; // a comment line, as Android's importer skips them
            }
            if (current == null) {
                if (isBegin(t)) {
                    closeOutside(outside, blocks, notes);
                    current = new ArrayList<>(List.of(line));
                    depth = 1;
                    previousWasAgent = false;
                } else if (blocks.isEmpty() && outside.isEmpty()) {
                    if (isEnd(t)) {
                        throw new VCardFormatException(0, line.number(), "line " + line.number()
                                + " has END:VCARD without a BEGIN:VCARD before it");
                    }
                    throw new VCardFormatException(0, line.number(), "line " + line.number()
                            + " should start a card with BEGIN:VCARD but reads " + VCardFormatException.quote(t));
                } else {
                    outside.add(line);
                }
                continue;
            }
            if (isBegin(t)) {
                if (previousWasAgent) {
                    depth++; // vCard 2.1 AGENT: a card embedded in a card
                    current.add(line);
                    previousWasAgent = false;
                    continue;
                }
                blocks.add(new Block(blocks.size() + 1, current.get(0).number(), List.copyOf(current),
                        "no END:VCARD before the next BEGIN:VCARD on line " + line.number()
                                + "; the card is incomplete"));
                current = new ArrayList<>(List.of(line));
                depth = 1;
                continue;
            }
            current.add(line);
            if (isEnd(t)) {
                depth--;
                if (depth == 0) {
                    blocks.add(new Block(blocks.size() + 1, current.get(0).number(), List.copyOf(current), null));
                    current = null;
                }
                continue;
            }
            previousWasAgent = propertyName(t).equals("AGENT") && t.endsWith(":");
        }
        if (current != null) {
            throw new VCardFormatException(blocks.size() + 1, current.get(0).number(),
                    "no END:VCARD; the file ends in the middle of this card and was probably cut off");
        }
        closeOutside(outside, blocks, notes);
        if (blocks.isEmpty()) {
            throw new VCardFormatException(0, 0, "it is empty (it has no BEGIN:VCARD)");
        }
        return blocks;
    }

    /** Text between cards: properties there are a card that lost its BEGIN:VCARD; anything else is ignored. */
    private static void closeOutside(List<Line> outside, List<Block> blocks, List<String> notes) {
        if (outside.isEmpty()) {
            return;
        }
        boolean properties = outside.stream().map(l -> l.text().strip())
                .anyMatch(t -> !isEnd(t) && isPropertyLine(t));
        Line first = outside.get(0);
        if (properties) {
            blocks.add(new Block(blocks.size() + 1, first.number(), List.copyOf(outside),
                    "it has no BEGIN:VCARD (text outside any card: " + VCardFormatException.quote(first.text()) + ")"));
        } else {
            notes.add("line " + first.number() + ": ignored " + outside.size() + " line(s) of text between cards: "
                    + VCardFormatException.quote(first.text()));
        }
        outside.clear();
    }

    static boolean isBegin(String trimmed) {
        return trimmed.equalsIgnoreCase("BEGIN:VCARD");
    }

    static boolean isEnd(String trimmed) {
        return trimmed.equalsIgnoreCase("END:VCARD");
    }

    /** "NAME:…", "group.NAME;PARAM=…:…": a content line (name of letters, digits, '-' and '_'). */
    static boolean isPropertyLine(String line) {
        int i = 0;
        int n = line.length();
        int nameStart = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ':' || c == ';') {
                return i > nameStart;
            }
            if (c == '.' && i > nameStart) {
                nameStart = i + 1;
            } else if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
                return false;
            }
            i++;
        }
        return false;
    }

    /** The property name of a content line ("item1.TEL;TYPE=CELL:…" → "TEL"). */
    static String propertyName(String line) {
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

    /** Index of the ':' that ends name and parameters (not one inside a quoted parameter value), or -1. */
    static int valueStart(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Splits bytes into physical lines at CR LF, LF, CR or CR CR LF (what some Windows tools write), and refuses
     * binary data: control characters other than tab. A DOS end-of-file mark (Ctrl-Z) at the very end is dropped.
     */
    private static List<byte[]> physicalLines(byte[] b, int start) {
        int n = b.length;
        while (n > start && (b[n - 1] == 0x1A)) {
            n--;
        }
        List<byte[]> lines = new ArrayList<>();
        int i = start;
        while (i < n) {
            int s = i;
            while (i < n && b[i] != '\r' && b[i] != '\n') {
                int c = b[i] & 0xFF;
                if ((c < 0x20 && c != '\t') || c == 0x7F) {
                    int lineNo = lines.size() + 1;
                    throw new VCardFormatException(0, lineNo, "it contains binary data (line " + lineNo
                            + "), so it is not a text file of contacts");
                }
                i++;
            }
            byte[] line = new byte[i - s];
            System.arraycopy(b, s, line, 0, line.length);
            lines.add(line);
            if (i < n && b[i] == '\n') {
                i++;
            } else if (i < n) {
                while (i < n && b[i] == '\r') {
                    i++;
                }
                if (i < n && b[i] == '\n') {
                    i++;
                }
            }
        }
        return lines;
    }

    /** A logical line being assembled from physical lines, as bytes. */
    private static final class Logical {
        private final int number;
        private byte[] buf;
        private int len;
        private final String head; // name and parameters, upper case, as ASCII
        private final boolean quotedPrintable;
        private final boolean base64;

        Logical(int number, byte[] first) {
            this.number = number;
            this.buf = Arrays.copyOf(first, Math.max(64, first.length * 2));
            this.len = first.length;
            String ascii = new String(first, StandardCharsets.ISO_8859_1);
            int colon = valueStart(ascii);
            this.head = (colon < 0 ? ascii : ascii.substring(0, colon)).toUpperCase(Locale.ROOT);
            this.quotedPrintable = colon >= 0 && head.contains("QUOTED-PRINTABLE");
            this.base64 = colon >= 0 && (head.contains("BASE64") || head.contains("ENCODING=B;")
                    || head.endsWith("ENCODING=B"));
        }

        /** Whether {@code next} continues this line; if so it is appended. */
        boolean takes(byte[] next) {
            if (quotedPrintable && len > 0 && buf[len - 1] == '=') {
                // Quoted-printable soft line break: drop the '=' and go on with the next line as it is.
                len--;
                append(next, 0);
                return true;
            }
            if (next.length > 0 && (next[0] == ' ' || next[0] == '\t')) {
                // A folded line: the line break and one white space character go.
                append(next, 1);
                return true;
            }
            if (isBlank(next)) {
                return false;
            }
            String nextText = new String(next, StandardCharsets.ISO_8859_1).strip();
            if (isPropertyLine(nextText) || nextText.startsWith("#")) {
                return false;
            }
            if (base64) {
                append(next, 0); // unindented base64 lines of a vCard 2.1 photo
                return true;
            }
            if (!quotedPrintable && endsWithOddBackslashes()) {
                // Some exporters continue a long value on the next line after a backslash.
                len--;
                append(next, 0);
                return true;
            }
            return false;
        }

        private void append(byte[] b, int from) {
            int add = b.length - from;
            if (len + add > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + add));
            }
            System.arraycopy(b, from, buf, len, add);
            len += add;
        }

        private boolean endsWithOddBackslashes() {
            int count = 0;
            for (int i = len - 1; i >= 0 && buf[i] == '\\'; i--) {
                count++;
            }
            return count % 2 == 1;
        }

        Line decode(boolean utf16, Charset fallback, List<String> notes) {
            byte[] b = Arrays.copyOf(buf, len);
            String declared = parameter(head, "CHARSET");
            Charset given = null;
            if (declared != null && !utf16) {
                given = charset(declared);
                if (given == null) {
                    notes.add("line " + number + ": unknown CHARSET " + VCardFormatException.quote(declared)
                            + "; read as UTF-8 or " + fallback.name());
                }
            }
            if (quotedPrintable) {
                // The value is ASCII; ez-vcard decodes it with the CHARSET parameter, so that is what is fixed here.
                String text = new String(b, StandardCharsets.ISO_8859_1);
                Charset cs = given != null ? given
                        : isUtf8(QuotedPrintable.decode(text.substring(valueStart(text) + 1))) ? StandardCharsets.UTF_8
                        : fallback;
                return new Line(number, withParameter(text, "CHARSET", cs.name()));
            }
            Charset cs = given != null ? given : isUtf8(b) ? StandardCharsets.UTF_8 : fallback;
            String text = new String(b, cs);
            return new Line(number, declared == null ? text : withParameter(text, "CHARSET", null));
        }
    }

    /** Minimal quoted-printable decoding, only to see whether the bytes inside are UTF-8. */
    private static final class QuotedPrintable {
        static byte[] decode(String s) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '=' && i + 2 < s.length()) {
                    int hi = Character.digit(s.charAt(i + 1), 16);
                    int lo = Character.digit(s.charAt(i + 2), 16);
                    if (hi >= 0 && lo >= 0) {
                        out.write(hi * 16 + lo);
                        i += 2;
                        continue;
                    }
                }
                out.write(c & 0xFF);
            }
            return out.toByteArray();
        }
    }

    /** The value of a parameter in an upper-cased head ("N;CHARSET=SHIFT_JIS;ENCODING=…"), or null. */
    private static String parameter(String head, String name) {
        for (String p : head.split(";")) {
            String t = p.strip();
            if (t.startsWith(name + "=")) {
                String v = t.substring(name.length() + 1).strip();
                return v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2 ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    /** The line with parameter {@code name} set to {@code value} (or removed when null); the value is untouched. */
    private static String withParameter(String line, String name, String value) {
        int colon = valueStart(line);
        if (colon < 0) {
            return line;
        }
        String[] parts = line.substring(0, colon).split(";");
        StringBuilder sb = new StringBuilder(line.length() + 16).append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].strip().toUpperCase(Locale.ROOT).startsWith(name + "=")) {
                sb.append(';').append(parts[i]);
            }
        }
        if (value != null) {
            sb.append(';').append(name).append('=').append(value);
        }
        return sb.append(line, colon, line.length()).toString();
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    static boolean isUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\t') {
                return false;
            }
        }
        return true;
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
