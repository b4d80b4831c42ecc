package org.contactsync.directory.phonebook;

import java.nio.charset.StandardCharsets;

import org.contactsync.directory.CiscoXmlWriter;

/**
 * A small XML writer for the phonebook files: every text and attribute value is {@link CiscoXmlWriter#clean
 * cleaned} (control characters, bidi overrides and unpaired surrogates removed) and escaped, so no contact data
 * can break a document.
 */
final class XmlOut {
    private final StringBuilder out;

    XmlOut(int capacity) {
        out = new StringBuilder(capacity).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    /** A comment; "--" (not allowed in comments) is written as "- -". */
    XmlOut comment(String text) {
        out.append("<!-- ").append(CiscoXmlWriter.escape(CiscoXmlWriter.clean(text, false)).replace("--", "- -"))
                .append(" -->\n");
        return this;
    }

    /** {@code <name a1="v1" …>}; attrs are name/value pairs; {@code close} makes it {@code <name …/>}. */
    XmlOut open(String name, boolean close, String... attrs) {
        out.append('<').append(name);
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            out.append(' ').append(attrs[i]).append("=\"")
                    .append(CiscoXmlWriter.escape(CiscoXmlWriter.clean(attrs[i + 1], false))).append('"');
        }
        out.append(close ? "/>" : ">");
        return this;
    }

    XmlOut close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>value</name>}. */
    XmlOut element(String name, String value) {
        out.append('<').append(name).append('>')
                .append(CiscoXmlWriter.escape(CiscoXmlWriter.clean(value, false)))
                .append("</").append(name).append('>');
        return this;
    }

    XmlOut newline() {
        out.append('\n');
        return this;
    }

    String finish() {
        return out.append('\n').toString();
    }

    /** Cut to at most {@code max} characters (code points), ending in "..." when cut. */
    static String chars(String value, int max) {
        return CiscoXmlWriter.truncate(CiscoXmlWriter.clean(value, false), max);
    }

    /**
     * Cut to at most {@code maxBytes} bytes of UTF-8 (Polycom counts bytes), never inside a character, ending in
     * "..." when cut.
     */
    static String utf8Bytes(String value, int maxBytes) {
        String v = CiscoXmlWriter.clean(value, false);
        if (v.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return v;
        }
        int budget = maxBytes - 3;
        int end = 0;
        int used = 0;
        while (end < v.length()) {
            int cp = v.codePointAt(end);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + len > budget) {
                break;
            }
            used += len;
            end += Character.charCount(cp);
        }
        return v.substring(0, end).stripTrailing() + "...";
    }
}
