package org.carewatch.core.config;

/** A configuration problem; the message always names the offending key (and its source when known). */
public class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String problem) {
        super("config key '" + key + "': " + problem);
        this.key = key;
    }

    public ConfigException(String message) {
        super(message);
        this.key = null;
    }

    public String key() {
        return key;
    }
}
