package org.carewatch.alerts.model;

import java.util.Locale;

/**
 * The closed loop: open → acknowledged (officer) → answered (centre's rectification, 一事一反馈) →
 * resolved (officer re-checked) → closed; reopen goes back to open.
 */
public enum AlertState {
    OPEN, ACKNOWLEDGED, ANSWERED, RESOLVED, CLOSED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Active alerts are the ones a repeating condition is counted on (one per deduplication key). */
    public boolean active() {
        return this == OPEN || this == ACKNOWLEDGED || this == ANSWERED;
    }

    public static AlertState fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
