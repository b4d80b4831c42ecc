package org.contactsync.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CiscoXmlWriterTest {

    @ParameterizedTest
    @ValueSource(strings = {"Bob & \"Alice\" <script>", "<img src=x onerror=alert(1)>", "O'Brien & Sons",
        "]]><evil/>", "&amp; already escaped", "</Name></MenuItem><MenuItem>", "a < b > c"})
    void hostileTextKeepsTheDocumentWellFormedAndComesBackIntact(String hostile) {
        String xml = CiscoXmlWriter.menu().title("T").menuItem(hostile, "http://h/x?a=1&b=2").finish();

        CiscoXml doc = CiscoXml.parse(xml);
        assertThat(doc.menuItems()).singleElement().satisfies(item -> {
            assertThat(item.name()).isEqualTo(CiscoXmlWriter.truncate(hostile, 32));
            assertThat(item.value()).isEqualTo("http://h/x?a=1&b=2");
        });
        assertThat(doc.childNames()).containsExactly("Title", "MenuItem");
    }

    @Test
    void escapesAllFiveXmlSpecialCharacters() {
        assertThat(CiscoXmlWriter.escape("& < > \" '")).isEqualTo("&amp; &lt; &gt; &quot; &apos;");
        assertThat(CiscoXmlWriter.escape("plain")).isEqualTo("plain");
    }

    @Test
    void removesControlCharactersAndCharactersXmlForbids() {
        String nasty = "Ev\u0000il\u0007 \u001B[31mName\u007F\u0085 \uFFFE\uFFFF\uD800 end\u202E";

        String xml = CiscoXmlWriter.directory().directoryEntry(nasty, "123").finish();

        assertThat(CiscoXml.parse(xml).directoryEntries().get(0).name()).isEqualTo("Evil [31mName end");
    }

    @Test
    void turnsLineBreaksAndTabsIntoSingleSpacesInOneLineFields() {
        assertThat(CiscoXmlWriter.clean("  Anna\n\tMaria\r\n  Smith \u00A0 ", false)).isEqualTo("Anna Maria Smith");
        assertThat(CiscoXmlWriter.clean("line one\nline two", true)).isEqualTo("line one\nline two");
        assertThat(CiscoXmlWriter.clean(null, false)).isEmpty();
    }

    @Test
    void composesDecomposedAccentsSoTheyCountAndShowAsOneCharacter() {
        assertThat(CiscoXmlWriter.clean("O\u0308mer", false)).isEqualTo("Ömer");
    }

    @Test
    void keepsNamesUpToThePhoneLimitAndCutsLongerOnesWithAnEllipsis() {
        String exactly32 = "A".repeat(32);
        String long40 = "Bartholomew Featherstonehaugh-Cholmondeley";

        assertThat(CiscoXmlWriter.truncate(exactly32, 32)).isEqualTo(exactly32);
        assertThat(CiscoXmlWriter.truncate(long40, 32)).hasSize(32).endsWith("...")
                .startsWith("Bartholomew Featherstonehaugh");
    }

    @Test
    void countsEmojiAndRareCjkAsOneCharacterAndNeverSplitsThem() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        String name = emoji.repeat(40);

        String cut = CiscoXmlWriter.truncate(name, 32);

        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(32);
        assertThat(cut).isEqualTo(emoji.repeat(29) + "...");
        assertThat(CiscoXmlWriter.truncate(emoji.repeat(32), 32)).isEqualTo(emoji.repeat(32));
        // The cut string has no lone surrogate, so the XML stays well-formed and the glyph intact.
        String xml = CiscoXmlWriter.menu().title(name).finish();
        assertThat(CiscoXml.parse(xml).text("Title")).isEqualTo(cut);
    }

    @Test
    void doesNotLeaveALetterWithoutItsCombiningAccent() {
        // "e" + combining acute that cannot compose with NFC-less input: the cut goes before the base letter.
        String s = "x".repeat(28) + "q\u0301\u0301rest";
        String cut = CiscoXmlWriter.truncate(s, 32);
        assertThat(cut).doesNotContain("q").endsWith("...");
    }

    @Test
    void writesSoftKeysWithNameUrlAndPosition() {
        CiscoXml doc = CiscoXml.parse(CiscoXmlWriter.text().title("T").body("B")
                .softKey("Exit", "SoftKey:Exit", 4).finish());

        assertThat(doc.rootName()).isEqualTo("CiscoIPPhoneText");
        assertThat(doc.childNames()).containsExactly("Title", "Text", "SoftKeyItem");
        assertThat(doc.softKeys()).containsExactly(new CiscoXml.SoftKey("Exit", "SoftKey:Exit", 4));
    }

    @Test
    void refusesSoftKeyPositionsThePhoneHasNot() {
        assertThatThrownBy(() -> CiscoXmlWriter.text().softKey("X", "SoftKey:Exit", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..8");
    }

    @Test
    void refusesUrlsLongerThanThePhonesAcceptInsteadOfCuttingThem() {
        String url = "https://example.com/" + "x".repeat(300);
        assertThatThrownBy(() -> CiscoXmlWriter.menu().menuItem("A", url))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
    }

    @Test
    void dialStringsHoldOnlyDigitsPlusStarAndHash() {
        assertThat(CiscoXmlWriter.telephone("+1 (555) 010-2000", "")).isEqualTo("+15550102000");
        assertThat(CiscoXmlWriter.telephone("030 1234-56 ext. *9#", null)).isEqualTo("030123456*9#");
        assertThat(CiscoXmlWriter.telephone("<script>alert(1)</script>", "")).isEqualTo("1");
        assertThat(CiscoXmlWriter.telephone("n/a", "")).isEmpty();
        assertThat(CiscoXmlWriter.telephone("+", "")).isEmpty();
    }

    @Test
    void theOutsideLinePrefixGoesBeforeNationalNumbersButNotBeforePlusNumbers() {
        assertThat(CiscoXmlWriter.telephone("030 123456", "0")).isEqualTo("0030123456");
        assertThat(CiscoXmlWriter.telephone("555-0100", "9")).isEqualTo("95550100");
        assertThat(CiscoXmlWriter.telephone("+49 30 123456", "0")).isEqualTo("+4930123456");
    }
}
