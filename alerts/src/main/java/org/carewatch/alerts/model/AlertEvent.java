package org.carewatch.alerts.model;

import java.time.Instant;
import java.util.Map;

/** One row of the append-only {@code alert_events}: who did what to an alert, and when. */
public record AlertEvent(Instant time, long alertId, long centreId, String actor, String action, Map<String, Object> detail) {
    public AlertEvent {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }
}
