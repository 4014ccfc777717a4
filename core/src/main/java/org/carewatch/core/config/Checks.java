package org.carewatch.core.config;

/** Range checks used by the config records; each failure names its key. */
final class Checks {
    private Checks() {
    }

    static void notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "must not be empty");
        }
    }

    static void port(String key, int port) {
        if (port < 0 || port > 65535) {
            throw new ConfigException(key, "must be a TCP port between 0 and 65535, got " + port);
        }
    }

    static void range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + value);
        }
    }

    static void positive(String key, java.time.Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException(key, "must be a positive ISO-8601 duration such as PT12H");
        }
    }
}
