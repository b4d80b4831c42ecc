package org.contactsync.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HealthCheckerTest {
    @Test
    void theOverallStatusIsTheWorstOfTheChecksInTheirOrder() {
        Health h = HealthChecker.builder()
                .check("a", () -> CheckResult.up("fine"))
                .check("b", () -> CheckResult.stale("old"))
                .check("c", () -> CheckResult.up("fine"))
                .build().check();
        assertThat(h.status()).isEqualTo(HealthStatus.STALE);
        assertThat(h.ready()).isTrue();
        assertThat(h.checks().keySet()).containsExactly("a", "b", "c");
    }

    @Test
    void aCheckThatThrowsIsDownWithASentenceAndNoExceptionText() {
        Health h = HealthChecker.builder()
                .check("database", () -> {
                    throw new IllegalStateException("jdbc:postgresql://db/secret password=hunter2");
                })
                .build().check();
        assertThat(h.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(h.ready()).isFalse();
        assertThat(h.checks().get("database").message())
                .isEqualTo("The database check failed. The server log has the details.");
    }

    @Test
    void checkNamesAreUniqueLowerCaseWords() {
        HealthChecker.Builder b = HealthChecker.builder().check("db", () -> CheckResult.up("ok"));
        assertThatThrownBy(() -> b.check("db", () -> CheckResult.up("ok"))).hasMessageContaining("already");
        assertThatThrownBy(() -> b.check("Data Base", () -> CheckResult.up("ok"))).hasMessageContaining("lower-case");
    }
}
