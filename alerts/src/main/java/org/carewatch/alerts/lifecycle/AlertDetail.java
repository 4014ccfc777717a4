package org.carewatch.alerts.lifecycle;

import java.util.List;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertEvent;

/** One alert with its history (who did what, when), oldest event first. */
public record AlertDetail(Alert alert, List<AlertEvent> events) {
    public AlertDetail {
        events = List.copyOf(events);
    }
}
