package org.carewatch.alerts.model;

import java.util.Locale;

/** Where an alert comes from. */
public enum AlertSource {
    SENSOR, CAMERA, PATROL, SYSTEM;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertSource fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
