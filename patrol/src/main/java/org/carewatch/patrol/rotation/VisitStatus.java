package org.carewatch.patrol.rotation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a visit stands: planned; reviewed (finished: it never moves again); reassigned (re-drawn to another
 * officer after an absence, who has a visit of their own for it). Review adds verdicts later.
 */
public enum VisitStatus {
    PLANNED, REVIEWED, REASSIGNED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VisitStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
