package org.contactsync.webapp.config;

/**
 * Bad configuration: the message names the key, where its value came from and what to do. Start-up stops with it,
 * HikariCP style, instead of failing later with something obscure.
 */
public class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The configuration key at fault, e.g. {@code contactsync.sync.interval}. */
    public String key() {
        return key;
    }
}
