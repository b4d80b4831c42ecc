package org.contactsync.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneType;

/**
 * Contacts for tests, so no test builds them by hand: {@code TestContacts.person("Ann Lee", "+1 555 0100")}.
 * Source ids are derived from the name, so the same name always gives the same contact.
 */
public final class TestContacts {

    /** Names that break naive HTML, XML, SQL, CSV or JSON handling. Each is a real name a source may hold. */
    public static final List<String> HOSTILE_NAMES = List.of(
            "<img src=x onerror=alert(1)>",
            "Bob & \"Alice\"",
            "O'Brien; DROP TABLE contacts; --",
            "]]></Name><Name>Injected",
            "Ann \\ Backslash",
            "Comma, \"Quoted\" =SUM(A1)",
            "Tab\tand\nnewline",
            "\u202Eevil\u202C Override",
            "&amp; already escaped &lt;b&gt;");

    /** Names in several scripts and with letters that folding must handle. */
    public static final List<String> NAMES_IN_SEVERAL_SCRIPTS = List.of(
            "Łukasz Öztürk",
            "Zoë Ångström",
            "José Álvarez",
            "Nguyễn Văn An",
            "Иван Петров",
            "Ελένη Παπαδοπούλου",
            "王小明",
            "山田 太郎",
            "김민준",
            "محمد علي",
            "דוד כהן",
            "अनिता शर्मा",
            "Søren Kierkegaard",
            "Straße Groß");

    private static final PhoneType[] PHONE_TYPES = {PhoneType.MOBILE, PhoneType.WORK, PhoneType.HOME, PhoneType.OTHER};

    private TestContacts() {
    }

    /**
     * A person with the given display name (split into given and family name at the last space) and phone numbers
     * typed mobile, work, home, then other.
     */
    public static Contact person(String name, String... phones) {
        return builder(sourceIdFor(name), name, phones).build();
    }

    /** Like {@link #person}, with a source id of the caller's. */
    public static Contact personWithId(String sourceId, String name, String... phones) {
        return builder(sourceId, name, phones).build();
    }

    /** A builder preset like {@link #person}, to add emails, groups or an organisation. */
    public static Contact.Builder builder(String sourceId, String name, String... phones) {
        Contact.Builder b = Contact.builder(sourceId).displayName(name);
        int space = name == null ? -1 : name.strip().lastIndexOf(' ');
        if (space > 0) {
            b.givenName(name.strip().substring(0, space)).familyName(name.strip().substring(space + 1));
        }
        for (int i = 0; i < phones.length; i++) {
            b.phone(phones[i], PHONE_TYPES[Math.min(i, PHONE_TYPES.length - 1)]);
        }
        return b;
    }

    /** {@code count} people, "Person 001" … with distinct numbers, in name order. */
    public static List<Contact> people(int count) {
        List<Contact> list = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            list.add(person(String.format(Locale.ROOT, "Person %03d", i),
                    String.format(Locale.ROOT, "+1 555 %04d", i)));
        }
        return list;
    }

    /** One contact per {@link #HOSTILE_NAMES} entry, each with a phone number. */
    public static List<Contact> hostile() {
        List<Contact> list = new ArrayList<>();
        for (int i = 0; i < HOSTILE_NAMES.size(); i++) {
            list.add(person(HOSTILE_NAMES.get(i), String.format(Locale.ROOT, "+44 20 7946 %04d", i)));
        }
        return list;
    }

    /** One contact per {@link #NAMES_IN_SEVERAL_SCRIPTS} entry, each with a phone number. */
    public static List<Contact> severalScripts() {
        List<Contact> list = new ArrayList<>();
        for (int i = 0; i < NAMES_IN_SEVERAL_SCRIPTS.size(); i++) {
            list.add(person(NAMES_IN_SEVERAL_SCRIPTS.get(i), String.format(Locale.ROOT, "+49 30 %06d", i)));
        }
        return list;
    }

    /** No name, only an organisation: its display name falls back to the organisation. */
    public static Contact organisationOnly(String organisation, String phone) {
        return Contact.builder(sourceIdFor("org:" + organisation)).organization(organisation)
                .phone(phone, PhoneType.WORK).build();
    }

    /** No name or organisation, only an email. */
    public static Contact emailOnly(String email) {
        return Contact.builder(sourceIdFor("email:" + email)).email(email).build();
    }

    /** Nothing but a phone number. */
    public static Contact phoneOnly(String phone) {
        return Contact.builder(sourceIdFor("phone:" + phone)).phone(phone, PhoneType.OTHER).build();
    }

    /** The same contact (same source id) with different content, as the source reports an edit. */
    public static Contact edited(Contact c, String newPhone) {
        return Contact.builder(c.sourceId()).displayName(c.displayName()).givenName(c.givenName())
                .familyName(c.familyName()).organization(c.organization()).phone(newPhone, PhoneType.MOBILE)
                .emails(c.emails()).groups(c.groups()).etag(c.etag() == null ? "e2" : c.etag() + "'").build();
    }

    /** The source id {@link #person} gives a name: readable, stable, and distinct for distinct names. */
    public static String sourceIdFor(String name) {
        String key = name == null ? "" : name;
        StringBuilder slug = new StringBuilder();
        for (char c : key.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                slug.append(c);
            } else if (slug.length() > 0 && slug.charAt(slug.length() - 1) != '-') {
                slug.append('-');
            }
            if (slug.length() >= 24) {
                break;
            }
        }
        return "people/" + slug + (slug.length() > 0 && slug.charAt(slug.length() - 1) != '-' ? "-" : "")
                + hash(key);
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stores each contact as one of the source it names ({@link Contact#source()}), as a run of that source would:
     * a plain {@code write} stores everything in the default source.
     */
    public static void storeInTheirSources(org.contactsync.contact.ContactStore store, Contact... contacts) {
        java.util.Map<String, List<Contact>> bySource = new java.util.LinkedHashMap<>();
        for (Contact c : contacts) {
            bySource.computeIfAbsent(c.source(), k -> new java.util.ArrayList<>()).add(c);
        }
        bySource.forEach((source, list) -> store.write(source, list, List.of()));
    }
}
