package org.contactsync.jaxrs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParamsTest {
    @Test
    void flagsAcceptOnlyTrueAndFalseInAnyCaseAndOneAndZero() {
        assertThat(Params.flag("f", "TRUE")).isTrue();
        assertThat(Params.flag("f", "1")).isTrue();
        assertThat(Params.flag("f", "False")).isFalse();
        assertThat(Params.flag("f", null)).isFalse();
        assertThat(Params.flag("f", "")).isFalse();
        assertThatThrownBy(() -> Params.flag("f", "on")).isInstanceOf(ApiException.class)
                .hasMessage("f must be true or false, was 'on'.");
    }

    @Test
    void longInputIsShortenedInMessages() {
        assertThatThrownBy(() -> Params.limit("x".repeat(500), 10)).hasMessageContaining("x".repeat(40) + "…'");
    }

    @Test
    void absentPagingParametersTakeTheirDefaults() {
        assertThat(Params.limit(null, 10)).isEqualTo(10);
        assertThat(Params.limit(" 7 ", 10)).isEqualTo(7);
        assertThat(Params.offset(null)).isZero();
    }
}
