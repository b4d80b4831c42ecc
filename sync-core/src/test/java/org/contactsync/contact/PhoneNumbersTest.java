package org.contactsync.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    @Test
    void digitsDropsEverythingButDigits() {
        assertThat(PhoneNumbers.digits("+44 (20) 7946-0018 ext. 5")).isEqualTo("442079460018" + "5");
        assertThat(PhoneNumbers.digits(null)).isEmpty();
    }

    @Test
    void aDialStringKeepsOnlyWhatAPhoneCanDial() {
        assertThat(PhoneNumbers.dialString("+1 (555) 010-2000")).isEqualTo("+15550102000");
        assertThat(PhoneNumbers.dialString("<b>12</b>+3*4#")).isEqualTo("123*4#");
        assertThat(PhoneNumbers.dialString("javascript:alert(1)")).isEqualTo("1");
    }

    @ParameterizedTest(name = "stored {0}, typed {1} → {2}")
    @CsvSource({
            "15550102000, 5550102000, true",
            "5550102000, 15550102000, true",
            "15550102000, 0102, true",
            "15550102000, 01, false",
            "15550102000, 9999, false",
            "'', 555, false"})
    void aNumberMatchesWhenOneContainsTheOther(String stored, String typed, boolean matches) {
        assertThat(PhoneNumbers.matches(stored, typed)).isEqualTo(matches);
    }

    @Test
    void phoneTypesAreReadFromTheLabelsSourcesUse() {
        assertThat(PhoneType.fromLabel("CELL")).isEqualTo(PhoneType.MOBILE);
        assertThat(PhoneType.fromLabel("iPhone")).isEqualTo(PhoneType.MOBILE);
        assertThat(PhoneType.fromLabel("Business")).isEqualTo(PhoneType.WORK);
        assertThat(PhoneType.fromLabel("home")).isEqualTo(PhoneType.HOME);
        assertThat(PhoneType.fromLabel("pref")).isEqualTo(PhoneType.MAIN);
        assertThat(PhoneType.fromLabel("pager")).isEqualTo(PhoneType.OTHER);
        assertThat(PhoneType.fromLabel(null)).isEqualTo(PhoneType.OTHER);
    }
}
