package org.contactsync.jaxrs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.contactsync.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    final MutableClock clock = MutableClock.startingNow();
    final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(String address, String user, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.tryAttempt(address, user)).as("attempt " + (i + 1)).isZero();
        }
    }

    @Test
    void afterTheFreeFailuresOfOneAddressEachFurtherAttemptWaitsTwiceAsLong() {
        fail("203.0.113.1", "admin", LoginThrottle.FREE_PER_ADDRESS);
        assertThat(throttle.tryAttempt("203.0.113.1", "admin")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        fail("203.0.113.1", "admin", 1);
        assertThat(throttle.tryAttempt("203.0.113.1", "admin")).isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        fail("203.0.113.1", "admin", 1);
        assertThat(throttle.tryAttempt("203.0.113.1", "other-name")).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theDelayStopsGrowingAtItsCap() {
        assertThat(LoginThrottle.delay(40, LoginThrottle.MAX_DELAY_PER_ADDRESS))
                .isEqualTo(LoginThrottle.MAX_DELAY_PER_ADDRESS);
    }

    @Test
    void anotherAddressIsNotSlowedDownByOnesGuessing() {
        fail("203.0.113.1", "admin", LoginThrottle.FREE_PER_ADDRESS);
        assertThat(throttle.tryAttempt("203.0.113.1", "admin")).isPositive();
        assertThat(throttle.tryAttempt("198.51.100.7", "admin")).isZero();
    }

    @Test
    void guessesForOneUserNameSpreadOverManyAddressesMeetTheUsersLimitButOtherNamesPass() {
        for (int i = 0; i < LoginThrottle.FREE_PER_USER; i++) {
            fail("10.0.0." + i, "mallory", 1);
        }
        assertThat(throttle.tryAttempt("10.0.1.1", "mallory")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.tryAttempt("10.0.1.1", "admin")).isZero();
    }

    @Test
    void aSuccessForgetsTheAddressesAndTheUsersFailures() {
        fail("203.0.113.1", "admin", LoginThrottle.FREE_PER_ADDRESS - 1);
        throttle.succeeded("203.0.113.1", "admin");
        fail("203.0.113.1", "admin", LoginThrottle.FREE_PER_ADDRESS);
    }

    @Test
    void failuresAreForgottenAfterAQuietSpell() {
        fail("203.0.113.1", "admin", LoginThrottle.FREE_PER_ADDRESS);
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        fail("203.0.113.1", "admin", LoginThrottle.FREE_PER_ADDRESS);
    }

    @Test
    void withoutAnAddressOnlyTheUserNameCounts() {
        fail(null, "admin", LoginThrottle.FREE_PER_USER);
        assertThat(throttle.tryAttempt(null, "admin")).isPositive();
        assertThat(throttle.tryAttempt(null, "someone-else")).isZero();
    }

    @Test
    void theMessageIsASentenceWithTheWaitRoundedUp() {
        assertThat(LoginThrottle.message(Duration.ofMillis(1500))).isEqualTo("Too many failed sign-ins from this "
                + "address or for this user name. Wait 2 seconds, then try again with the right password.");
        assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(LoginThrottle.message(Duration.ofMinutes(5))).contains("Wait 5 minutes");
    }
}
