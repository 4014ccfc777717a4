package org.carewatch.alerts.notify;

import java.time.Instant;
import java.util.Map;
import org.carewatch.alerts.model.Alert;

/**
 * Something consoles and webhooks hear about: {@code event} is one of {@code alert.raised},
 * {@code alert.repeated}, {@code alert.cleared}, {@code alert.<action>} (acknowledged, answered, resolved,
 * closed, reopened, commented), {@code alert.escalated} and {@code alert.suspected_abuse} (addressed to
 * the district lead).
 */
public record AlertNotice(String event, Alert alert, Instant time, Map<String, Object> extra) {
    public AlertNotice {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
