package org.contactsync.health;

import java.time.Instant;
import java.util.Map;

/**
 * The answer of a readiness probe: the worst status of all checks, and each check's result by name, in the order
 * they were registered.
 */
public record Health(HealthStatus status, Instant checkedAt, Map<String, CheckResult> checks) {
    public Health {
        checks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(checks));
    }

    /** Whether a load balancer should send traffic here: everything but {@link HealthStatus#DOWN}. */
    public boolean ready() {
        return status != HealthStatus.DOWN;
    }
}
