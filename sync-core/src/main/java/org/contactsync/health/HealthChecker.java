package org.contactsync.health;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the readiness checks and sums them up. Build with {@link #builder()}; see {@link HealthChecks} for the
 * checks ContactSync ships (database, schema, directory, sync freshness).
 *
 * <pre>{@code
 * HealthChecker health = HealthChecker.builder()
 *         .check("database", HealthChecks.database(db))
 *         .check("sync", HealthChecks.syncFreshness(manager, Duration.ofMinutes(45)))
 *         .build();
 * }</pre>
 */
public final class HealthChecker {
    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final Map<String, HealthCheck> checks;
    private final Clock clock;

    private HealthChecker(Builder b) {
        this.checks = new LinkedHashMap<>(b.checks);
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check now. Never throws: a failing check is reported DOWN with a generic sentence. */
    public Health check() {
        Map<String, CheckResult> results = new LinkedHashMap<>();
        HealthStatus overall = HealthStatus.UP;
        for (Map.Entry<String, HealthCheck> e : checks.entrySet()) {
            CheckResult r;
            try {
                r = Objects.requireNonNull(e.getValue().check(), "check result");
            } catch (RuntimeException ex) {
                log.warn("Health check '{}' failed: {}", e.getKey(), ex.toString());
                r = CheckResult.down("The " + e.getKey() + " check failed. The server log has the details.");
            }
            results.put(e.getKey(), r);
            overall = overall.worst(r.status());
        }
        return new Health(overall, clock.instant(), results);
    }

    public static final class Builder {
        private final Map<String, HealthCheck> checks = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Adds a check; names are short lower-case words shown in the probe's answer ("database"). */
        public Builder check(String name, HealthCheck check) {
            if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("a health check name is a lower-case word, was " + name);
            }
            if (checks.putIfAbsent(name, Objects.requireNonNull(check, "check")) != null) {
                throw new IllegalArgumentException("there is already a health check named " + name);
            }
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public HealthChecker build() {
            return new HealthChecker(this);
        }
    }
}
