package org.contactsync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeypadGroupTest {

    @Test
    void groupsAreTheTenKeysInKeypadOrder() {
        assertThat(KeypadGroup.values()).extracting(KeypadGroup::label)
                .containsExactly("1", "2ABC", "3DEF", "4GHI", "5JKL", "6MNO", "7PQRS", "8TUV", "9WXYZ", "0");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "Anna|2ABC", "bob|2ABC", "Carl|2ABC", "Dora|3DEF", "Gus|4GHI", "Jan|5JKL", "Mia|6MNO", "Paul|7PQRS",
        "Sara|7PQRS", "Tom|8TUV", "Wu|9WXYZ", "Zoë|9WXYZ",
        // accents and strokes fold to the base letter
        "Ömer|6MNO", "Öztürk GmbH|6MNO", "Łukasz|5JKL", "Émile|3DEF", "Çelik|2ABC", "Søren|7PQRS", "Ørsted|6MNO",
        // digits and + : contacts known by their number
        "+1 (555) 010-2000|1", "+|1", "3M|1", "0800 Taxi|1", "112|1",
        // other scripts and symbol-only names
        "李|0", "李小龍|0", "Жанна|0", "Σοφία|0", "***|0", "(no name)|6MNO", "|0",
        // leading quotes, brackets and symbols are skipped
        "\"Bob\"|2ABC", "(Alice)|2ABC", "#hashtag|4GHI", "  Walter|9WXYZ", "-|0", "'+49 30'|1"
    })
    void aNameGoesToTheKeyOfItsFirstLetter(String name, String group) {
        assertThat(KeypadGroup.of(name == null ? "" : name).label()).isEqualTo(group);
    }

    @Test
    void nonLatinLettersOutsideTheBasicPlaneGoToZero() {
        assertThat(KeypadGroup.of("\uD840\uDC00 Chen")).isEqualTo(KeypadGroup.ZERO); // U+20000, a CJK ideograph
    }

    @Test
    void urlsNameAGroupByLabelInAnyCaseOrByItsKey() {
        assertThat(KeypadGroup.fromPath("2ABC")).contains(KeypadGroup.ABC);
        assertThat(KeypadGroup.fromPath("7pqrs")).contains(KeypadGroup.PQRS);
        assertThat(KeypadGroup.fromPath("9")).contains(KeypadGroup.WXYZ);
        assertThat(KeypadGroup.fromPath("0")).contains(KeypadGroup.ZERO);
        assertThat(KeypadGroup.fromPath("1")).contains(KeypadGroup.ONE);
    }

    @Test
    void anythingElseIsNoGroup() {
        assertThat(KeypadGroup.fromPath("XYZ")).isEmpty();
        assertThat(KeypadGroup.fromPath("10")).isEmpty();
        assertThat(KeypadGroup.fromPath("2AB")).isEmpty();
        assertThat(KeypadGroup.fromPath("")).isEmpty();
        assertThat(KeypadGroup.fromPath(null)).isEmpty();
        assertThat(KeypadGroup.fromPath("<script>")).isEmpty();
    }
}
