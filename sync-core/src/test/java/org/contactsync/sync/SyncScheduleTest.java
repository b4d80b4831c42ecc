package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SyncScheduleTest {

    @Test
    void parsesAnIncrementalAndAFullInterval() {
        SyncSchedule s = SyncSchedule.parse("30m", "1d");

        assertThat(s.interval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.fullInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(s.tickInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.isOff()).isFalse();
    }

    @Test
    void offWithoutAFullIntervalIsManualOnly() {
        assertThat(SyncSchedule.parse("off", null).isOff()).isTrue();
        assertThat(SyncSchedule.parse("off", "off")).isEqualTo(SyncSchedule.OFF);
    }

    @Test
    void onlyAFullIntervalTicksAtThatInterval() {
        SyncSchedule s = SyncSchedule.parse("off", "6h");

        assertThat(s.isOff()).isFalse();
        assertThat(s.tickInterval()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void theFirstTickComesAfterThirtySecondsOrTheIntervalIfShorter() {
        assertThat(SyncSchedule.every(Duration.ofHours(1)).initialDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(SyncSchedule.every(Duration.ofSeconds(5)).initialDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(SyncSchedule.every(Duration.ofHours(1)).withInitialDelay(Duration.ZERO).initialDelay())
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void aFullIntervalShorterThanTheIncrementalOneIsRefused() {
        assertThatThrownBy(() -> SyncSchedule.parse("1h", "30m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("full sync interval (30m)")
                .hasMessageContaining("incremental interval (1h)");
    }

    @Test
    void aBadValueNamesItself() {
        assertThatThrownBy(() -> SyncSchedule.parse("30 minutes", null)).hasMessageContaining("\"30 minutes\"");
    }
}
