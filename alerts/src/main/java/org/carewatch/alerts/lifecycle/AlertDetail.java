package org.carewatch.alerts.lifecycle;

import java.util.List;
import java.util.Set;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertEvent;

/**
 * One alert with its history (who did what, when), oldest event first, and the actions the caller may take
 * on it now ({@link AlertAction}: role and state; what a console offers).
 */
public record AlertDetail(Alert alert, List<AlertEvent> events, Set<AlertAction> actions) {
    public AlertDetail {
        events = List.copyOf(events);
        actions = actions.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(actions));
    }

    public boolean allows(AlertAction a) {
        return actions.contains(a);
    }
}
