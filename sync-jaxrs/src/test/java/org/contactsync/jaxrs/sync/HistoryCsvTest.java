package org.contactsync.jaxrs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryCsvTest {
    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"})
    void cellsASpreadsheetWouldRunAsFormulasGetALeadingApostrophe(String value) {
        assertThat(HistoryCsv.text(value)).isEqualTo("\"'" + value + "\"");
    }

    @Test
    void quotesAreDoubledAndLineBreaksStayInsideTheQuotedCell() {
        assertThat(HistoryCsv.text("a \"b\"\nc, d")).isEqualTo("\"a \"\"b\"\"\nc, d\"");
        assertThat(HistoryCsv.text(null)).isEmpty();
    }

    @Test
    void intervalsAreWrittenWithTheLargestExactUnits() {
        assertThat(SyncJson.humanDuration(java.time.Duration.ofMinutes(30))).isEqualTo("30m");
        assertThat(SyncJson.humanDuration(java.time.Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(SyncJson.humanDuration(java.time.Duration.ofHours(24))).isEqualTo("1d");
        assertThat(SyncJson.humanDuration(java.time.Duration.ofSeconds(3661))).isEqualTo("1h1m1s");
    }
}
