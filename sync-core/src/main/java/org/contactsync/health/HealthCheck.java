package org.contactsync.health;

/**
 * One readiness check (database, schema, directory, sync freshness). Runs on the probe's thread: answer within a
 * second or two. A check that throws counts as {@link HealthStatus#DOWN}; its exception goes to the log only.
 */
@FunctionalInterface
public interface HealthCheck {
    CheckResult check();
}
