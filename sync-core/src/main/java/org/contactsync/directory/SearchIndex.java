package org.contactsync.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.contactsync.contact.ContactQuery;
import org.contactsync.contact.PhoneNumbers;

/**
 * The search structures of one snapshot, built with it so a search never scans every contact:
 * <ul>
 *   <li>name words: every word (after a space or hyphen) of the folded name and organisation, sorted, so a
 *       prefix is a binary search;</li>
 *   <li>keypad words: the same words as keypad digits ("wojcik" → "965245"), so "9652" typed on a phone is a
 *       prefix look-up too;</li>
 *   <li>number trigrams: for every three-digit sequence, the contacts with a number containing it, so a digit
 *       query only checks the contacts holding its last three digits;</li>
 *   <li>caller-ID: E.164 form and (for extensions) plain digits to the first contact with that number.</li>
 * </ul>
 * Results are contact positions in the snapshot's display order. Short searches match many contacts (a phone user
 * types "2" or "an" first), so a result of at least {@link #KEEP_FROM} contacts is kept for the next phone asking
 * the same; in all at most {@link #KEPT_PER_CONTACT} kept results per contact of the snapshot, so a scan of
 * many searches cannot grow it past a few references per contact.
 */
final class SearchIndex {
    static final int KEEP_FROM = 64;
    static final int KEPT_PER_CONTACT = 8;

    private final List<DirectoryContact> all;
    private final Words nameWords;
    private final Words keypadWords;
    private final int[][] trigrams;
    private final Map<String, DirectoryContact> byE164;
    private final Map<String, DirectoryContact> byDigits;
    private final Map<String, List<DirectoryContact>> kept = new ConcurrentHashMap<>();
    private final AtomicInteger keptContacts = new AtomicInteger();

    SearchIndex(List<DirectoryContact> all, Transliteration transliteration) {
        this.all = all;
        WordsBuilder names = new WordsBuilder(all.size() * 3);
        WordsBuilder keys = new WordsBuilder(all.size() * 3);
        List<List<Integer>> grams = new ArrayList<>(1000);
        for (int g = 0; g < 1000; g++) {
            grams.add(null);
        }
        byE164 = new HashMap<>(all.size() * 2);
        byDigits = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            DirectoryContact c = all.get(i);
            addWords(names, c.foldedName(), i);
            addWords(names, c.foldedOrganization(), i);
            for (String w : transliteration.keypadWords(c.name())) {
                keys.add(w, i);
            }
            for (String w : transliteration.keypadWords(c.organization())) {
                keys.add(w, i);
            }
            for (DirectoryNumber n : c.phones()) {
                addTrigrams(grams, n.digits(), i);
                if (!n.e164().isEmpty()) {
                    addTrigrams(grams, n.e164().substring(1), i);
                    byE164.putIfAbsent(n.e164(), c);
                } else if (!n.digits().isEmpty()) {
                    byDigits.putIfAbsent(n.digits(), c);
                }
            }
        }
        nameWords = names.build();
        keypadWords = keys.build();
        trigrams = new int[1000][];
        for (int g = 0; g < 1000; g++) {
            List<Integer> l = grams.get(g);
            trigrams[g] = l == null ? new int[0] : l.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * The contacts matching a search, with the meaning of {@link ContactQuery#matches} plus keypad digits: text
     * with letters matches names and organisations that start with it or have a word starting with it; text of
     * digits only matches words whose keys start with the digits ("6272" → Marek) and, from three digits on,
     * numbers containing them (in any format). Blank matches nothing.
     */
    List<DirectoryContact> search(String text) {
        List<DirectoryContact> known = kept.get(text);
        if (known != null) {
            return known;
        }
        List<DirectoryContact> result = find(text);
        if (result.size() >= KEEP_FROM
                && keptContacts.addAndGet(result.size()) <= KEPT_PER_CONTACT * Math.max(all.size(), KEEP_FROM)) {
            kept.putIfAbsent(text, result);
        }
        return result;
    }

    private List<DirectoryContact> find(String text) {
        ContactQuery query = new ContactQuery(text, 1, 0);
        if (query.text().isEmpty()) {
            return List.of();
        }
        BitSet hits = new BitSet(all.size());
        String digitsOnly = keypadQuery(query.text());
        if (digitsOnly != null) {
            keypadWords.prefix(digitsOnly, hits);
        }
        String phoneDigits = query.phoneDigits();
        if (!phoneDigits.isEmpty()) {
            numbers(phoneDigits, hits);
        } else if (digitsOnly == null) {
            names(query.foldedText(), hits);
        }
        DirectoryContact[] result = new DirectoryContact[hits.cardinality()];
        int n = 0;
        for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
            result[n++] = all.get(i);
        }
        return List.of(result);
    }

    /** The digits of a query typed on a keypad (digits, maybe spaces), or null when it has anything else. */
    private static String keypadQuery(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if (c != ' ') {
                return null;
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private void names(String folded, BitSet hits) {
        int cut = firstSeparator(folded);
        String first = cut < 0 ? folded : folded.substring(0, cut);
        BitSet candidates = new BitSet(all.size());
        nameWords.prefix(first, candidates);
        String[] wordStarts = {" " + folded, "-" + folded};
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            DirectoryContact c = all.get(i);
            if (cut < 0 || wordStartMatch(c.foldedName(), folded, wordStarts)
                    || wordStartMatch(c.foldedOrganization(), folded, wordStarts)) {
                hits.set(i);
            }
        }
    }

    private void numbers(String digits, BitSet hits) {
        int gram = Integer.parseInt(digits.substring(digits.length() - 3));
        for (int i : trigrams[gram]) {
            for (DirectoryNumber n : all.get(i).phones()) {
                if (PhoneNumbers.matches(n.digits(), digits)) {
                    hits.set(i);
                    break;
                }
            }
        }
    }

    /** The contact whose number has this E.164 form, if any. */
    DirectoryContact byE164(String e164) {
        return byE164.get(e164);
    }

    /** The contact with this internal extension (digits as written), if any. */
    DirectoryContact byExtension(String digits) {
        return byDigits.get(digits);
    }

    private static int firstSeparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '-') {
                return i;
            }
        }
        return -1;
    }

    private static boolean wordStartMatch(String name, String query, String[] wordStarts) {
        return !name.isEmpty()
                && (name.startsWith(query) || name.contains(wordStarts[0]) || name.contains(wordStarts[1]));
    }

    private static void addWords(WordsBuilder b, String folded, int contact) {
        int start = 0;
        for (int i = 0; i <= folded.length(); i++) {
            if (i == folded.length() || folded.charAt(i) == ' ' || folded.charAt(i) == '-') {
                if (i > start) {
                    b.add(folded.substring(start, i), contact);
                }
                start = i + 1;
            }
        }
    }

    private static void addTrigrams(List<List<Integer>> grams, String digits, int contact) {
        for (int i = 0; i + 3 <= digits.length(); i++) {
            int g = (digits.charAt(i) - '0') * 100 + (digits.charAt(i + 1) - '0') * 10 + (digits.charAt(i + 2) - '0');
            List<Integer> l = grams.get(g);
            if (l == null) {
                l = new ArrayList<>(4);
                grams.set(g, l);
            }
            if (l.isEmpty() || l.get(l.size() - 1) != contact) {
                l.add(contact);
            }
        }
    }

    /** Sorted words with the contact each came from; a prefix is the run found by binary search. */
    private record Words(String[] words, int[] contacts) {
        void prefix(String prefix, BitSet hits) {
            int i = lowerBound(prefix);
            while (i < words.length && words[i].startsWith(prefix)) {
                hits.set(contacts[i]);
                i++;
            }
        }

        private int lowerBound(String key) {
            int lo = 0;
            int hi = words.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (words[mid].compareTo(key) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private static final class WordsBuilder {
        private final List<Entry> entries;

        WordsBuilder(int capacity) {
            entries = new ArrayList<>(capacity);
        }

        void add(String word, int contact) {
            entries.add(new Entry(word, contact));
        }

        Words build() {
            Entry[] sorted = entries.toArray(new Entry[0]);
            Arrays.sort(sorted, (a, b) -> {
                int c = a.word.compareTo(b.word);
                return c != 0 ? c : Integer.compare(a.contact, b.contact);
            });
            String[] w = new String[sorted.length];
            int[] c = new int[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                w[i] = sorted[i].word;
                c[i] = sorted[i].contact;
            }
            return new Words(w, c);
        }

        private record Entry(String word, int contact) {
        }
    }
}
