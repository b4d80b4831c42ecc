package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "90s, PT1M30S",
            "30m, PT30M",
            "1h, PT1H",
            "1d, PT24H",
            "1h30m, PT1H30M",
            "' 2H ', PT2H",
            "500ms, PT0.5S",
            "PT45M, PT45M",
            "pt10s, PT10S"})
    void readsANumberWithAUnitOrAnIsoDuration(String text, String expected) {
        assertThat(Intervals.parse(text)).contains(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "OFF", "none", "disabled", "false"})
    void offMeansNoSchedule(String text) {
        assertThat(Intervals.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "30", "30x", "-5m", "m30", "1.5h", "PTxyz"})
    void aBadValueIsRefusedWithAMessageNamingItAndTheAcceptedForms(String text) {
        assertThatThrownBy(() -> Intervals.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"")
                .hasMessageContaining("30m")
                .hasMessageContaining("off");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0m", "0s", "PT0S"})
    void zeroIsRefusedPointingToOff(String text) {
        assertThatThrownBy(() -> Intervals.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than zero")
                .hasMessageContaining("\"off\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void anEmptyValueIsRefused(String text) {
        assertThatThrownBy(() -> Intervals.parse(text)).hasMessageContaining("empty");
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({"PT30M, 30m", "PT1H30M, 1h30m", "PT90S, 1m30s", "PT24H, 1d", "PT0.25S, 250ms"})
    void writesTheShortForm(String iso, String text) {
        assertThat(Intervals.format(Duration.parse(iso))).isEqualTo(text);
        assertThat(Intervals.parse(text)).contains(Duration.parse(iso));
    }
}
