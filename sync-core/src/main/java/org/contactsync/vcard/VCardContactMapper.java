package org.contactsync.vcard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ezvcard.VCard;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Categories;
import ezvcard.property.Email;
import ezvcard.property.FormattedName;
import ezvcard.property.Organization;
import ezvcard.property.RawProperty;
import ezvcard.property.Revision;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Uid;
import ezvcard.util.TelUri;
import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneNumbers;
import org.contactsync.contact.PhoneType;

/**
 * Maps one parsed card onto a {@link Contact}: FN, N, ORG, TEL (type and preference), EMAIL, CATEGORIES (groups)
 * and REV. A card with a value we cannot use (a phone number without digits, an email address without "@", or
 * nothing to show at all) is returned with a reason to skip it instead.
 */
final class VCardContactMapper {
    /** Prefix of the source id of a card without UID; the rest is a hash of the card's content. */
    static final String CONTENT_ID_PREFIX = "vcard-content-";

    private VCardContactMapper() {
    }

    /**
     * A card mapped: either {@code contact} or {@code skipReason} is set. {@code sourceId} is always set, so a
     * skipped card still counts as present (its stored copy is kept, not deleted).
     */
    record MappedCard(int number, int firstLine, String sourceId, Contact contact, String skipReason,
                      String name) {
        boolean skipped() {
            return contact == null;
        }
    }

    static MappedCard map(VCardFileParser.ParsedCard parsed) {
        if (parsed.vcard() == null) {
            return new MappedCard(parsed.number(), parsed.firstLine(), parsed.rawUid(), null, parsed.problem(),
                    parsed.rawName());
        }
        VCard card = parsed.vcard();
        String formatted = firstFormattedName(card);
        StructuredName n = card.getStructuredName();
        String given = n == null ? null : n.getGiven();
        String family = n == null ? null : n.getFamily();
        String org = organization(card.getOrganization());

        List<String> problems = new ArrayList<>();
        List<PhoneNumber> phones = phones(card, problems);
        List<String> emails = emails(card, problems);
        List<String> groups = groups(card);

        String uid = uid(card);
        String sourceId = uid != null ? uid
                : contentId(formatted, given, family, org, phones, emails, groups);
        if (!problems.isEmpty()) {
            return new MappedCard(parsed.number(), parsed.firstLine(), sourceId, null, String.join("; ", problems),
                    nameHint(formatted, given, family, org));
        }
        Contact contact = Contact.builder(sourceId)
                .displayName(formatted)
                .givenName(given)
                .familyName(family)
                .organization(org)
                .phones(phones)
                .emails(emails)
                .groups(groups)
                .updatedAt(revision(card.getRevision()))
                .build();
        if (Contact.UNNAMED.equals(contact.displayName()) && !Contact.UNNAMED.equals(formatted)) {
            return new MappedCard(parsed.number(), parsed.firstLine(), sourceId, null,
                    "the card has no name, organisation, email address or phone number", null);
        }
        return new MappedCard(parsed.number(), parsed.firstLine(), sourceId, contact, null, contact.displayName());
    }

    private static String nameHint(String formatted, String given, String family, String org) {
        if (formatted != null) {
            return formatted;
        }
        String n = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
        return n.isEmpty() ? org : n;
    }

    private static String uid(VCard card) {
        Uid uid = card.getUid();
        if (uid == null || uid.getValue() == null || uid.getValue().isBlank()) {
            return null;
        }
        return uid.getValue().strip();
    }

    private static String firstFormattedName(VCard card) {
        for (FormattedName fn : card.getFormattedNames()) {
            if (fn.getValue() != null && !fn.getValue().isBlank()) {
                return fn.getValue().strip();
            }
        }
        return null;
    }

    /** "Company, Department": ORG's components as written, empty ones left out. */
    private static String organization(Organization org) {
        if (org == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String v : org.getValues()) {
            if (v != null && !v.isBlank()) {
                parts.add(v.strip());
            }
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static List<PhoneNumber> phones(VCard card, List<String> problems) {
        List<Telephone> tels = card.getTelephoneNumbers();
        // The preferred number: the lowest PREF (4.0), TYPE=PREF counting as 1 (2.1/3.0); the first one on a tie.
        int preferred = -1;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < tels.size(); i++) {
            int rank = prefRank(tels.get(i));
            if (rank < bestRank) {
                bestRank = rank;
                preferred = i;
            }
        }
        List<PhoneNumber> phones = new ArrayList<>();
        for (int i = 0; i < tels.size(); i++) {
            Telephone tel = tels.get(i);
            String number = number(tel);
            if (number == null || number.isBlank()) {
                continue; // an empty TEL line carries nothing; not worth failing a card over
            }
            if (PhoneNumbers.digits(number).isEmpty()) {
                problems.add("phone number " + VCardFormatException.quote(number) + " has no digits");
                continue;
            }
            phones.add(new PhoneNumber(number, phoneType(card, tel), null, i == preferred));
        }
        return phones;
    }

    private static String number(Telephone tel) {
        TelUri uri = tel.getUri();
        if (tel.getText() != null) {
            String text = tel.getText().strip();
            if (!text.regionMatches(true, 0, "tel:", 0, 4)) {
                return text;
            }
            try {
                uri = TelUri.parse(text); // a tel: URI written without VALUE=uri (vCard 3.0 exporters do this)
            } catch (IllegalArgumentException e) {
                return text.substring(4).strip();
            }
        }
        if (uri == null || uri.getNumber() == null) {
            return null;
        }
        String ext = uri.getExtension();
        return ext == null || ext.isBlank() ? uri.getNumber() : uri.getNumber() + " ext. " + ext;
    }

    private static int prefRank(Telephone tel) {
        Integer pref = tel.getPref();
        if (pref != null) {
            return pref;
        }
        return tel.getTypes().contains(TelephoneType.PREF) ? 1 : Integer.MAX_VALUE;
    }

    /**
     * TYPE values other than PREF, e.g. "home,cell" → MOBILE (mobile wins over work, work over home); when they say
     * nothing, the Apple label of the property's group ({@code item1.X-ABLabel:_$!<Mobile>!$_} or a custom "Office").
     */
    private static PhoneType phoneType(VCard card, Telephone tel) {
        StringBuilder label = new StringBuilder();
        for (TelephoneType t : tel.getTypes()) {
            if (t.getValue() != null && !TelephoneType.PREF.equals(t)) {
                label.append(t.getValue()).append(',');
            }
        }
        PhoneType type = PhoneType.fromLabel(label.toString());
        if (type == PhoneType.OTHER && tel.getGroup() != null) {
            for (RawProperty p : card.getExtendedProperties("X-ABLabel")) {
                if (tel.getGroup().equalsIgnoreCase(p.getGroup()) && p.getValue() != null) {
                    return PhoneType.fromLabel(p.getValue());
                }
            }
        }
        return type;
    }

    private static List<String> emails(VCard card, List<String> problems) {
        Set<String> emails = new LinkedHashSet<>();
        for (Email e : card.getEmails()) {
            String value = e.getValue();
            if (value == null || value.isBlank()) {
                continue;
            }
            value = value.strip();
            if (value.regionMatches(true, 0, "mailto:", 0, 7)) {
                value = value.substring(7);
            }
            if (value.indexOf('@') <= 0 || value.endsWith("@")) {
                problems.add("email address " + VCardFormatException.quote(value) + " is not an email address");
                continue;
            }
            emails.add(value);
        }
        return List.copyOf(emails);
    }

    private static List<String> groups(VCard card) {
        Set<String> groups = new LinkedHashSet<>();
        for (Categories c : card.getCategoriesList()) {
            for (String v : c.getValues()) {
                if (v != null && !v.isBlank()) {
                    groups.add(v.strip());
                }
            }
        }
        // X-FAVORITE (Android/Apple exports) becomes the phone directory's favourite marker group.
        for (ezvcard.property.RawProperty fav : card.getExtendedProperties("X-FAVORITE")) {
            String v = fav.getValue() == null ? "" : fav.getValue().strip().toLowerCase(java.util.Locale.ROOT);
            if (v.equals("1") || v.equals("true") || v.equals("yes")) {
                groups.add("starred");
            }
        }
        return List.copyOf(groups);
    }

    private static Instant revision(Revision rev) {
        if (rev == null || rev.getValue() == null) {
            return null;
        }
        Temporal t = rev.getValue();
        try {
            if (t instanceof LocalDateTime ldt) {
                return ldt.toInstant(ZoneOffset.UTC); // a REV without zone: read as UTC
            }
            if (t instanceof LocalDate d) {
                return d.atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.from(t);
        } catch (DateTimeException e) {
            return null; // REV is informational; an odd one is not worth skipping the card
        }
    }

    /**
     * A stable id for a card without UID, from what we import of it (not REV, which exporters rewrite). The same
     * card always gets the same id; a card whose content changes gets a new one.
     */
    static String contentId(String formatted, String given, String family, String org, List<PhoneNumber> phones,
                            List<String> emails, List<String> groups) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(formatted).append('\u0001').append(given).append('\u0001').append(family).append('\u0001')
                .append(org).append('\u0001');
        for (PhoneNumber p : phones) {
            sb.append(p.number()).append('\u0002').append(p.type()).append('\u0002').append(p.primary())
                    .append('\u0003');
        }
        sb.append('\u0001').append(String.join("\u0003", emails)).append('\u0001')
                .append(String.join("\u0003", groups));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return CONTENT_ID_PREFIX + HexFormat.of().formatHex(d, 0, 16).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
