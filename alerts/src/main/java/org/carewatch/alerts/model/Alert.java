package org.carewatch.alerts.model;

import java.time.Instant;
import java.util.Map;
import org.carewatch.profiles.sensor.Severity;

/** The current state of one alert (its history is in {@code alert_events}). */
public record Alert(
        long id,
        long districtId,
        long centreId,
        AlertSource source,
        String sourceId,
        String ruleId,
        String kind,
        Severity severity,
        String title,
        Map<String, Object> detail,
        String dedupKey,
        AlertState state,
        boolean conditionActive,
        Instant firstSeen,
        Instant lastSeen,
        int occurrences,
        Long assigneeId,
        Instant ackDue,
        Instant answerDue,
        int escalationLevel,
        Instant updatedAt,
        int version) {

    public Alert {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    public boolean suspectedAbuse() {
        return AlertKinds.SUSPECTED_ABUSE.equals(kind);
    }

    /** Addressed to the district only ({@link AlertKinds#DISTRICT_ONLY}): never shown to the centre's staff. */
    public boolean districtOnly() {
        return AlertKinds.DISTRICT_ONLY.contains(kind);
    }
}
