package org.contactsync.vcard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Uid;

/**
 * Writes the bundled sample address book ({@link VCardSyncEngine#SAMPLE_RESOURCE}): {@value #COUNT} fictional
 * contacts with names in several scripts, awkward characters, cards without name, UID or phone, several typed
 * numbers, groups, and a mix of vCard 3.0 and 4.0. Deterministic (fixed seed), so the file only changes when this
 * class does; {@code VCardSampleFileTest} checks that the bundled file is what this writes.
 *
 * <p>Run from the project root after changing it:
 * {@code mvn -pl sync-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.contactsync.vcard.SampleVCardGenerator}, or run {@link #main} from an IDE.
 *
 * <p>All numbers are from ranges reserved for fiction: +1 NXX 555-01xx (North America), +44 20 7946 0xxx and
 * +44 7700 900xxx (UK), +61 2 5550 xxxx (Australia), +33 1 99 00 xx xx (France). Email domains are example.*.
 */
public final class SampleVCardGenerator {
    public static final int COUNT = 300;
    static final Path DEFAULT_OUTPUT =
            Path.of("sync-core/src/main/resources/org/contactsync/vcard/sample-contacts.vcf");

    private static final long SEED = 20240501L;
    private static final Instant REV_BASE = Instant.parse("2024-03-01T09:00:00Z");
    private static final String[] GROUPS = {"Family", "Friends", "Work", "Suppliers", "Customers", "Sports club"};
    private static final String[] ORGS = {
        "Müller & Söhne GmbH", "O'Brien Consulting", "Fjord Logistics AS", "Acme Widgets Ltd", "Café Lumière",
        "Northwind Traders", "Contoso Pharmaceuticals", "Blue Harbour Dental", "Åkesson Bygg AB", "Kowalski i Wspólnicy",
        "Estudio García", "Sakura Trading 株式会社", "Helios Shipping", "Gamma & Delta Architects", "Riverside Clinic",
        "Tailspin Toys", "Fabrikam Inc.", "Litware \"Express\" Couriers", "Школа №5", "Ελληνική Ναυτιλία Α.Ε."};

    /** Names by origin: given names, family names, and how the display name is formed. */
    private record Culture(String[] given, String[] family, boolean familyFirst, String separator) {
    }

    private static final Culture[] CULTURES = {
        new Culture(new String[] {"James", "Emily", "Oliver", "Sophie", "Daniel", "Grace", "Henry", "Chloe", "Jack",
            "Amelia", "Samuel", "Hannah"},
            new String[] {"Walker", "Thompson", "Hughes", "Bennett", "Clarke", "Foster", "Murray", "Palmer", "Reid",
                "Hayes"}, false, " "),
        new Culture(new String[] {"Jürgen", "Anja", "Björn", "Käthe", "Matthias", "Sabine", "Lars", "Ute"},
            new String[] {"Müller", "Schäfer", "Köhler", "Groß", "Weiß", "Hoffmann", "Bäcker"}, false, " "),
        new Culture(new String[] {"Éric", "Hélène", "François", "Anaïs", "Jérôme", "Cécile", "Noël", "Maëlle"},
            new String[] {"Lefèvre", "Rousseau", "Gauthier", "Mercier", "Bérubé", "Faure"}, false, " "),
        new Culture(new String[] {"Paweł", "Agnieszka", "Łucja", "Grzegorz", "Małgorzata", "Wojciech"},
            new String[] {"Wiśniewski", "Wójcik", "Kamińska", "Dąbrowski", "Zieliński", "Szymańska"}, false, " "),
        new Culture(new String[] {"Alejandro", "María José", "Iñigo", "Lucía", "José Luis", "Begoña"},
            new String[] {"Núñez", "García Pérez", "Muñoz", "Ibáñez", "Fernández"}, false, " "),
        new Culture(new String[] {"Алексей", "Ольга", "Сергей", "Наталья", "Юрий", "Екатерина"},
            new String[] {"Смирнов", "Кузнецова", "Попов", "Соколова", "Лебедев", "Новикова"}, false, " "),
        new Culture(new String[] {"Νίκος", "Ελένη", "Κώστας", "Μαρία", "Δημήτρης"},
            new String[] {"Γεωργίου", "Οικονόμου", "Αντωνίου", "Καραγιάννης"}, false, " "),
        new Culture(new String[] {"伟", "芳", "娜", "敏", "静", "强", "磊"},
            new String[] {"王", "张", "刘", "陈", "杨", "黄"}, true, ""),
        new Culture(new String[] {"花子", "健", "陽菜", "翔太", "美咲"},
            new String[] {"佐藤", "鈴木", "高橋", "田中", "渡辺"}, true, " "),
        new Culture(new String[] {"أحمد", "فاطمة", "يوسف", "ليلى", "عمر"},
            new String[] {"الحسن", "منصور", "الخطيب", "سليمان"}, false, " "),
        new Culture(new String[] {"Ayşe", "Mehmet", "Çağla", "Emre", "Şebnem", "Oğuz"},
            new String[] {"Yılmaz", "Kaya", "Öztürk", "Çelik", "Şahin"}, false, " "),
        new Culture(new String[] {"Astrid", "Magnus", "Ingrid", "Sigrún", "Øystein"},
            new String[] {"Ångström", "Lindqvist", "Sørensen", "Håkansson", "Þórsdóttir"}, false, " "),
        new Culture(new String[] {"Nguyễn Văn", "Trần Thị", "Lê Minh"},
            new String[] {"An", "Bình", "Hương", "Dũng"}, true, " "),
        new Culture(new String[] {"Aarav", "Ananya", "Rohan", "Priyanka", "Vikram"},
            new String[] {"Sharma", "Iyer", "Patel", "Reddy", "Banerjee"}, false, " ")};

    private SampleVCardGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUTPUT;
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, generate(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + COUNT + " contacts to " + out.toAbsolutePath());
    }

    /** The whole file, CRLF line ends as vCard wants. */
    static String generate() {
        List<Entry> entries = new ArrayList<>(specialCards());
        Random random = new Random(SEED);
        int n = 0;
        while (entries.size() < COUNT) {
            entries.add(randomCard(random, n++));
        }
        StringBuilder sb = new StringBuilder(COUNT * 300);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.withUid) {
                e.card.setUid(new Uid(uid(i)));
            }
            sb.append(Ezvcard.write(e.card).version(e.version).prodId(false).go());
        }
        return sb.toString();
    }

    /** The UID of the card at {@code index} in the file (0-based), for tests. */
    static String uid(int index) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("contactsync-sample-" + index).getBytes(StandardCharsets.UTF_8));
    }

    private record Entry(VCard card, VCardVersion version, boolean withUid) {
    }

    /** Hand-written cards the tests look at; keep their order (tests find them by name, not position). */
    private static List<Entry> specialCards() {
        List<Entry> list = new ArrayList<>();
        VCard c;

        c = person("Łukasz Żółkiewski", "Łukasz", "Żółkiewski");
        c.setOrganization("Żółkiewski Transport");
        tel(c, "+44 7700 900123", TelephoneType.CELL, TelephoneType.PREF);
        tel(c, "+44 20 7946 0123", TelephoneType.WORK);
        c.addEmail("lukasz@example.com");
        c.setCategories("Work", "Suppliers");
        c.setRevision(Instant.parse("2024-02-10T08:30:00Z"));
        list.add(new Entry(c, VCardVersion.V3_0, true));

        c = person("Renée Éluard", "Renée", "Éluard");
        tel(c, "+33 1 99 00 12 34", TelephoneType.HOME);
        c.addEmail("renee.eluard@example.org");
        c.setCategories("Friends");
        list.add(new Entry(c, VCardVersion.V4_0, true));

        c = person("Jörg Ölmann", "Jörg", "Ölmann");
        tel(c, "+1 212 555 0142", TelephoneType.WORK);
        list.add(new Entry(c, VCardVersion.V4_0, true));

        c = person("Дмитрий Иванов", "Дмитрий", "Иванов");
        c.setOrganization("ООО «Северный ветер»");
        tel(c, "+44 20 7946 0456", TelephoneType.WORK);
        c.setCategories("Suppliers");
        list.add(new Entry(c, VCardVersion.V3_0, true));

        c = person("Γιώργος Παπαδόπουλος", "Γιώργος", "Παπαδόπουλος");
        tel(c, "+44 7700 900456", TelephoneType.CELL);
        list.add(new Entry(c, VCardVersion.V3_0, true));

        c = person("李伟", "伟", "李");
        c.setOrganization("北京示例科技有限公司");
        tel(c, "+61 2 5550 1234", TelephoneType.WORK);
        c.setCategories("Customers");
        list.add(new Entry(c, VCardVersion.V4_0, true));

        c = person("محمد العلي", "محمد", "العلي");
        tel(c, "+44 7700 900789", TelephoneType.CELL);
        list.add(new Entry(c, VCardVersion.V3_0, true));

        c = person("山田 太郎", "太郎", "山田");
        tel(c, "+1 415 555 0177", TelephoneType.HOME);
        list.add(new Entry(c, VCardVersion.V4_0, true));

        c = person("김민준", "민준", "김");
        tel(c, "+1 312 555 0161", TelephoneType.CELL);
        list.add(new Entry(c, VCardVersion.V3_0, true));

        c = person("דוד כהן", "דוד", "כהן");
        tel(c, "+44 20 7946 0777", TelephoneType.HOME);
        list.add(new Entry(c, VCardVersion.V4_0, true));

        // No name: shown by organisation.
        c = new VCard();
        c.setOrganization("Smith & Sons Plumbing");
        tel(c, "+44 20 7946 0321", TelephoneType.WORK);
        c.setCategories("Suppliers");
        list.add(new Entry(c, VCardVersion.V3_0, true));

        c = person("Marie \"Mimi\" O'Neil", "Marie", "O'Neil");
        tel(c, "+1 617 555 0133", TelephoneType.CELL);
        c.setCategories("Family");
        list.add(new Entry(c, VCardVersion.V3_0, true));

        c = person("Anna Berg <Reception>", "Anna", "Berg");
        tel(c, "+44 20 7946 0100", TelephoneType.WORK);
        list.add(new Entry(c, VCardVersion.V4_0, true));

        // Hostile: must be stored and shown verbatim, never interpreted as markup.
        c = new VCard();
        c.setFormattedName("<img src=x onerror=alert(1)>");
        tel(c, "+1 206 555 0166", TelephoneType.CELL);
        list.add(new Entry(c, VCardVersion.V3_0, true));

        c = person("Chloé & Marc Dupont", "Chloé & Marc", "Dupont");
        tel(c, "+33 1 99 00 56 78", TelephoneType.HOME, TelephoneType.PREF);
        c.setCategories("Friends", "Family");
        list.add(new Entry(c, VCardVersion.V3_0, true));

        // No name, only an email address: shown by the address.
        c = new VCard();
        c.addEmail("info@example.org");
        list.add(new Entry(c, VCardVersion.V4_0, true));

        // No name, only a phone number: shown by the number.
        c = new VCard();
        tel(c, "+44 20 7946 0018");
        list.add(new Entry(c, VCardVersion.V3_0, true));

        // No name, organisation with a department.
        c = new VCard();
        c.setOrganization("Northwind Traders", "Purchasing");
        c.addEmail("purchasing@example.net");
        tel(c, "+1 212 555 0188", TelephoneType.WORK);
        list.add(new Entry(c, VCardVersion.V4_0, true));

        // The one without phone numbers.
        c = person("Olivia Brandt", "Olivia", "Brandt");
        c.addEmail("olivia.brandt@example.com");
        c.addEmail("o.brandt@example.net");
        c.setCategories("Work");
        list.add(new Entry(c, VCardVersion.V3_0, true));

        // Several typed numbers (3.0: TYPE=PREF marks the preferred one).
        c = person("Priya Raman", "Priya", "Raman");
        c.setOrganization("Contoso Pharmaceuticals");
        tel(c, "+44 20 7946 0550", TelephoneType.WORK, TelephoneType.VOICE);
        tel(c, "+44 7700 900550", TelephoneType.CELL, TelephoneType.PREF);
        tel(c, "+44 20 7946 0551", TelephoneType.HOME);
        tel(c, "+44 20 7946 0552", TelephoneType.WORK, TelephoneType.FAX);
        c.addEmail("priya.raman@example.com");
        c.setCategories("Work", "Customers");
        list.add(new Entry(c, VCardVersion.V3_0, true));

        // Several typed numbers (4.0: PREF=1 marks the preferred one).
        c = person("Kwame Mensah", "Kwame", "Mensah");
        tel(c, "+61 2 5550 4410", TelephoneType.HOME);
        Telephone work = tel(c, "+61 2 5550 4411", TelephoneType.WORK);
        work.setPref(1);
        tel(c, "+1 415 555 0144", TelephoneType.CELL);
        list.add(new Entry(c, VCardVersion.V4_0, true));

        // Without UID: their source id is a hash of the content.
        c = person("Sven Lindqvist", "Sven", "Lindqvist");
        tel(c, "+44 7700 900901", TelephoneType.CELL);
        list.add(new Entry(c, VCardVersion.V3_0, false));

        c = person("Zoë Adeyemi", "Zoë", "Adeyemi");
        tel(c, "+1 206 555 0102", TelephoneType.HOME);
        list.add(new Entry(c, VCardVersion.V4_0, false));

        c = person("Jordan Lee; PhD, MBA", "Jordan", "Lee");
        tel(c, "+1 312 555 0190", TelephoneType.WORK);
        list.add(new Entry(c, VCardVersion.V3_0, true));

        // Longer than a phone screen line.
        c = person("Maximilian Alexander von Hohenberg-Schwarzenfeld", "Maximilian Alexander",
                "von Hohenberg-Schwarzenfeld");
        tel(c, "+44 20 7946 0999", TelephoneType.WORK);
        list.add(new Entry(c, VCardVersion.V4_0, true));
        return list;
    }

    private static Entry randomCard(Random r, int n) {
        Culture culture = CULTURES[r.nextInt(CULTURES.length)];
        String given = pick(r, culture.given());
        String family = pick(r, culture.family());
        String display = culture.familyFirst() ? family + culture.separator() + given : given + " " + family;
        VCard c = person(display, given, family);
        if (r.nextInt(100) < 45) {
            c.setOrganization(pick(r, ORGS));
        }
        int phones = r.nextInt(100) < 3 ? 0 : 1 + r.nextInt(3);
        TelephoneType[] kinds = {TelephoneType.CELL, TelephoneType.WORK, TelephoneType.HOME, null};
        int preferred = r.nextInt(100) < 40 ? r.nextInt(Math.max(1, phones)) : -1;
        for (int i = 0; i < phones; i++) {
            TelephoneType kind = kinds[r.nextInt(kinds.length)];
            List<TelephoneType> types = new ArrayList<>();
            if (kind != null) {
                types.add(kind);
            }
            if (i == preferred) {
                types.add(TelephoneType.PREF);
            }
            tel(c, randomNumber(r, kind), types.toArray(TelephoneType[]::new));
        }
        if (r.nextInt(100) < 70) {
            String local = ascii(given) + "." + ascii(family);
            if (local.equals(".")) {
                local = "contact" + n;
            } else if (local.startsWith(".") || local.endsWith(".")) {
                local = local.replace(".", "") + n;
            }
            c.addEmail(local + "@example." + pick(r, new String[] {"com", "org", "net"}));
        }
        int groups = r.nextInt(100) < 60 ? 1 + r.nextInt(2) : 0;
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            String g = pick(r, GROUPS);
            if (!chosen.contains(g)) {
                chosen.add(g);
            }
        }
        if (!chosen.isEmpty()) {
            c.setCategories(chosen.toArray(String[]::new));
        }
        if (r.nextBoolean()) {
            c.setRevision(REV_BASE.plusSeconds(r.nextInt(90 * 24 * 3600)));
        }
        VCardVersion version = r.nextInt(100) < 60 ? VCardVersion.V3_0 : VCardVersion.V4_0;
        return new Entry(c, version, n % 50 != 7);
    }

    private static String randomNumber(Random r, TelephoneType kind) {
        int style = r.nextInt(5);
        if (style == 0) {
            String area = pick(r, new String[] {"212", "415", "312", "617", "206"});
            return String.format(Locale.ROOT, "+1 %s 555 01%02d", area, r.nextInt(100));
        }
        if (style == 1) {
            String area = pick(r, new String[] {"212", "415", "312", "617", "206"});
            return String.format(Locale.ROOT, "(%s) 555-01%02d", area, r.nextInt(100));
        }
        if (style == 2) {
            return TelephoneType.CELL.equals(kind)
                    ? String.format(Locale.ROOT, "+44 7700 900%03d", r.nextInt(1000))
                    : String.format(Locale.ROOT, "+44 20 7946 0%03d", r.nextInt(1000));
        }
        if (style == 3) {
            return String.format(Locale.ROOT, "+61 2 5550 %04d", r.nextInt(10000));
        }
        return String.format(Locale.ROOT, "+33 1 99 00 %02d %02d", r.nextInt(100), r.nextInt(100));
    }

    private static VCard person(String formatted, String given, String family) {
        VCard c = new VCard();
        c.setFormattedName(formatted);
        StructuredName n = new StructuredName();
        n.setGiven(given);
        n.setFamily(family);
        c.setStructuredName(n);
        return c;
    }

    private static Telephone tel(VCard c, String number, TelephoneType... types) {
        return c.addTelephoneNumber(number, types);
    }

    /** An email-safe form of a name: accents removed, other scripts dropped, lower case. */
    private static String ascii(String s) {
        String stripped = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
                .replace("þ", "th").replace("Þ", "Th").replace("đ", "d");
        return stripped.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
