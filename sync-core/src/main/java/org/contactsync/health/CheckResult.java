package org.contactsync.health;

import java.util.Objects;

/**
 * What one check found.
 *
 * @param status  how it is doing
 * @param message a sentence for the person reading a probe's answer: what is wrong and what to do. Never a secret,
 *                a connection string or an exception class name (those go to the log).
 */
public record CheckResult(HealthStatus status, String message) {
    public CheckResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    public static CheckResult up(String message) {
        return new CheckResult(HealthStatus.UP, message);
    }

    public static CheckResult stale(String message) {
        return new CheckResult(HealthStatus.STALE, message);
    }

    public static CheckResult down(String message) {
        return new CheckResult(HealthStatus.DOWN, message);
    }
}
