package org.contactsync.vcard;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

import org.contactsync.contact.Contact;

/**
 * Reads vCard data into contacts with the tolerant rules of the file engine (charsets, folds, quirks of real
 * exporters; see docs/vcard.md), for engines whose source hands out vCards one resource at a time (CardDAV).
 */
public final class VCardCards {
    private VCardCards() {
    }

    /**
     * One card: either {@code contact} is set, or {@code problem} says why it could not be read.
     *
     * @param uid     the card's UID, or null when it has none (or it could not be found)
     * @param contact the contact, keyed by the UID (or a content id); null when the card could not be read
     * @param problem why the card could not be read, for people; null when it could
     * @param name    the start of the card's name when known, for messages
     */
    public record Card(String uid, Contact contact, String problem, String name) {
    }

    /**
     * Every card in {@code data}. Data that is not vCard at all (empty, binary, cut off) gives one card with the
     * problem; nothing is thrown for bad data.
     */
    public static List<Card> read(byte[] data, Charset fallback) {
        VCardFileParser.ParsedFile file;
        try {
            file = VCardFileParser.parse(data, fallback);
        } catch (VCardFormatException e) {
            return List.of(new Card(null, null, "it is not a valid vCard: " + e.getMessage(), null));
        }
        List<Card> cards = new ArrayList<>(file.cards().size());
        for (VCardFileParser.ParsedCard parsed : file.cards()) {
            VCardContactMapper.MappedCard m = VCardContactMapper.map(parsed);
            String uid = parsed.vcard() != null && parsed.vcard().getUid() != null
                    ? parsed.vcard().getUid().getValue() : parsed.rawUid();
            cards.add(new Card(uid, m.contact(), m.skipReason(), m.name()));
        }
        return cards;
    }
}
