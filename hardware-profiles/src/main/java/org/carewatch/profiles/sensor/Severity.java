package org.carewatch.profiles.sensor;

import java.util.Locale;

/** Alert severity, most urgent first. */
public enum Severity {
    CRITICAL, MAJOR, MINOR, WARNING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
