package org.contactsync.webapp.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where configuration values come from, highest priority first: system properties, environment variables
 * ({@code contactsync.db.url} is read as {@code CONTACTSYNC_DB_URL}), servlet context parameters.
 */
public final class ConfigSources {
    private final Function<String, String> systemProperties;
    private final Map<String, String> environment;
    private final Function<String, String> contextParameters;

    public ConfigSources(Function<String, String> systemProperties, Map<String, String> environment,
                         Function<String, String> contextParameters) {
        this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.contextParameters = Objects.requireNonNull(contextParameters, "contextParameters");
    }

    /** This JVM's system properties and environment, plus the given context parameters (e.g. a ServletContext's). */
    public static ConfigSources system(Function<String, String> contextParameters) {
        return new ConfigSources(System::getProperty, System.getenv(), contextParameters);
    }

    /** Fixed maps, for tests and embedding. */
    public static ConfigSources of(Map<String, String> systemProperties, Map<String, String> environment,
                                   Map<String, String> contextParameters) {
        Map<String, String> sys = Map.copyOf(systemProperties);
        Map<String, String> ctx = Map.copyOf(contextParameters);
        return new ConfigSources(sys::get, environment, ctx::get);
    }

    /** The environment variable read for a key: upper case, '.' and '-' become '_'. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value for {@code key} from the highest-priority source that has one; blank values count as unset. */
    public Optional<ConfigValue> lookup(String key) {
        String v = systemProperties.apply(key);
        if (v != null && !v.isBlank()) {
            return Optional.of(new ConfigValue(key, v.strip(), "system property " + key));
        }
        String envName = environmentName(key);
        v = environment.get(envName);
        if (v != null && !v.isBlank()) {
            return Optional.of(new ConfigValue(key, v.strip(), "environment variable " + envName));
        }
        v = contextParameters.apply(key);
        if (v != null && !v.isBlank()) {
            return Optional.of(new ConfigValue(key, v.strip(), "servlet context parameter " + key));
        }
        return Optional.empty();
    }

    /**
     * One configured value and where it came from (for error messages).
     *
     * @param origin e.g. "environment variable CONTACTSYNC_DB_URL"
     */
    public record ConfigValue(String key, String value, String origin) {
    }
}
