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

    @Test
    void oneOfAcceptsTheListedValuesInAnyCaseAndRefusesOthersNamingThem() {
        assertThat(Params.oneOf("kind", " DELETE ", "add", "update", "delete")).isEqualTo("delete");
        assertThat(Params.oneOf("kind", null, "add", "update", "delete")).isNull();
        assertThat(Params.oneOf("kind", "", "add", "update", "delete")).isNull();
        assertThatThrownBy(() -> Params.oneOf("kind", "moved", "add", "update", "delete"))
                .isInstanceOf(ApiException.class)
                .hasMessage("kind must be add, update or delete, was 'moved'. Leave it out to list every kind.");
    }
}
