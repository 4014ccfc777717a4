package org.carewatch.alerts.lifecycle;

import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertEvent;

/** What {@link AlertService#act} did: the alert after a state change, or the event a comment added (then {@code alert} is null). */
public record ActionResult(Alert alert, AlertEvent comment) {
    static ActionResult changed(Alert a) {
        return new ActionResult(a, null);
    }

    static ActionResult commented(AlertEvent e) {
        return new ActionResult(null, e);
    }
}
