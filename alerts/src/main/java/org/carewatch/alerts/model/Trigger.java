package org.carewatch.alerts.model;

import java.time.Instant;
import java.util.Map;
import org.carewatch.profiles.sensor.Severity;

/**
 * A condition that holds and must be an alert: raised as a new alert, or counted on the active alert
 * with the same deduplication key ({@code source:sourceId:ruleId}).
 */
public record Trigger(long centreId, AlertSource source, String sourceId, String ruleId, String kind, Severity severity,
                      String title, Map<String, Object> detail, Instant time) {
    public Trigger {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    public String dedupKey() {
        return source.id() + ":" + sourceId + ":" + ruleId;
    }
}
