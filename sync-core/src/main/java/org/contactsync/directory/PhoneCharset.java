package org.contactsync.directory;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The charset a phone is answered in, and the encoding into it. Cisco's notes: the encoding named in the XML
 * header must be one the phone offers in {@code Accept-Charset}; older 79xx firmware offers only ISO-8859-1.
 *
 * <p>Choice ({@link #choose}): UTF-8 when the phone accepts it (or sends no Accept-Charset), else the configured
 * legacy charset when the phone accepts it, else ISO-8859-1 when accepted, else the legacy charset if one is
 * configured, else ISO-8859-1. Encoding ({@link #encode}): the XML header is rewritten to name the charset, and
 * every character the charset lacks is transliterated (ICU4J, "Ł" → "L", "Ж" → "Zh"; XML-escaped), never sent as
 * "?"; what has no spelling at all (an emoji) is left out.
 */
public final class PhoneCharset {
    private static final String UTF8_HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private PhoneCharset() {
    }

    /** The configured legacy charset, checked: null for blank; a clear error naming the setting otherwise. */
    public static Charset legacy(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("contactsync.directory.legacy-charset \"" + name.strip() + "\" is "
                    + "not a charset this Java knows; use a name like windows-1251 or ISO-8859-2, or leave it empty");
        }
    }

    /** The charset to answer a phone with this {@code Accept-Charset} header (null: none sent). */
    public static Charset choose(String acceptCharset, Charset legacy) {
        if (acceptCharset == null || acceptCharset.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        List<String> accepted = new ArrayList<>();
        for (String part : acceptCharset.split(",")) {
            String[] p = part.strip().split(";");
            String name = p[0].strip().toLowerCase(Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < p.length; i++) {
                String param = p[i].strip().replace(" ", "");
                if (param.matches("q=0(\\.0*)?")) {
                    refused = true;
                }
            }
            if (!refused && !name.isEmpty()) {
                accepted.add(name);
            }
        }
        if (accepted.contains("utf-8") || accepted.contains("utf8") || accepted.contains("*")) {
            return StandardCharsets.UTF_8;
        }
        if (legacy != null && accepts(accepted, legacy)) {
            return legacy;
        }
        if (accepted.contains("iso-8859-1") || accepted.contains("latin1") || accepted.contains("iso8859-1")) {
            return StandardCharsets.ISO_8859_1;
        }
        return legacy != null ? legacy : StandardCharsets.ISO_8859_1;
    }

    private static boolean accepts(List<String> accepted, Charset cs) {
        if (accepted.contains(cs.name().toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (String alias : cs.aliases()) {
            if (accepted.contains(alias.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A UTF-8 XML document (as the renderers write it) in {@code charset}: header naming it, missing characters
     * transliterated and escaped.
     */
    public static byte[] encode(String xml, Charset charset, Transliteration transliteration) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            return xml.getBytes(StandardCharsets.UTF_8);
        }
        String doc = xml.startsWith(UTF8_HEADER)
                ? "<?xml version=\"1.0\" encoding=\"" + charset.name() + "\"?>" + xml.substring(UTF8_HEADER.length())
                : xml;
        CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        StringBuilder sb = new StringBuilder(doc.length());
        for (int i = 0; i < doc.length(); ) {
            int cp = doc.codePointAt(i);
            int n = Character.charCount(cp);
            if (cp < 0x80 || encoder.canEncode(doc.substring(i, i + n))) {
                sb.append(doc, i, i + n);
            } else {
                sb.append(CiscoXmlWriter.escape(transliterate(cp, encoder, transliteration)));
            }
            i += n;
        }
        try {
            ByteBuffer bytes = encoder.reset().encode(CharBuffer.wrap(sb));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("transliterated text still not encodable in " + charset, e);
        }
    }

    private static String transliterate(int cp, CharsetEncoder encoder, Transliteration t) {
        String ascii;
        synchronized (t) { // one Transliteration may serve several requests
            ascii = t.ascii(cp);
        }
        return encoder.canEncode(ascii) ? ascii : "";
    }
}
