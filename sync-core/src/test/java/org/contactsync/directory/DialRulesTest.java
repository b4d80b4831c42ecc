package org.contactsync.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.contactsync.contact.PhoneNumbers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DialRulesTest {
    @ParameterizedTest(name = "{0} with prefix {1}: {2} → {3}")
    @CsvSource({
            // form, prefix, written, dialled
            "as-written, 0, 030 1234567, 00301234567",
            "as-written, 0, +49 30 1234567, +49301234567",
            "international, 0, 030 1234567, +49301234567",
            "international, '', 0049 30 1234567, +49301234567",
            "local, 0, +49 30 1234567, 00301234567",
            "local, 0, +1 212 555 0100, +12125550100",
            "national, 9, +49 30 1234567, 90301234567",
            "national, 9, +1 212 555 0100, 90012125550100",
            "national, 9, 201, 201",
            "international, 0, 201, 201",
            "as-written, 0, '*21#', '*21#'"})
    void everyFormDialsWhatTheSiteNeedsAndExtensionsStayAsWritten(String form, String prefix, String written,
                                                                  String dialled) {
        DialRules rules = new DialRules("DE", prefix, DialRules.Form.fromKey(form));
        assertThat(rules.dial(written, PhoneNumbers.e164(written, "DE"))).isEqualTo(dialled);
    }

    @Test
    void numbersAreReadAsE164InTheRegionAndExtensionsAreNot() {
        assertThat(PhoneNumbers.e164("030 1234567", "DE")).isEqualTo("+49301234567");
        assertThat(PhoneNumbers.e164("(212) 555-0100", "us")).isEqualTo("+12125550100");
        assertThat(PhoneNumbers.e164("030 1234567", "")).isEmpty(); // no region: a national number is unknown
        assertThat(PhoneNumbers.e164("+49 30 1234567", "")).isEqualTo("+49301234567");
        assertThat(PhoneNumbers.e164("201", "DE")).isEmpty();
        assertThat(PhoneNumbers.e164("n/a", "DE")).isEmpty();
    }

    @Test
    void badSettingsAreRefusedWithASentence() {
        assertThatThrownBy(() -> new DialRules("Germany", "", null)).hasMessageContaining("region")
                .hasMessageContaining("DE");
        assertThatThrownBy(() -> DialRules.asWritten("9;")).hasMessageContaining("only digits");
        assertThat(DialRules.Form.fromKey("shortest")).isNull();
        assertThat(new DialRules("de", " 0 ", null).outsideLinePrefix()).isEqualTo("0");
    }

    @Test
    void theOutsideLinePrefixIsStrippedOnlyWhenItIsThere() {
        DialRules rules = new DialRules("DE", "0", null);
        assertThat(rules.withoutOutsideLinePrefix("00301234567")).isEqualTo("0301234567");
        assertThat(rules.withoutOutsideLinePrefix("301234567")).isNull();
        assertThat(DialRules.none().withoutOutsideLinePrefix("0301234567")).isNull();
    }
}
