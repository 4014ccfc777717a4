package org.carewatch.ui.alerts;

import java.time.Instant;
import java.util.List;
import org.carewatch.alerts.lifecycle.AlertAction;
import org.carewatch.alerts.lifecycle.AlertDetail;
import org.carewatch.alerts.model.Alert;
import org.carewatch.ui.console.Shell;

/**
 * The model of alerts/detail.jte: the alert, its timeline, and the forms of the actions the service says the
 * caller may take now ({@link AlertDetail#actions()}); {@code done} confirms the action just taken, {@code error}
 * explains a refused one.
 */
public record AlertDetailPage(Shell shell, AlertRow row, Alert alert, String findingText, List<EventView> events, AlertDetail detail,
                              String done, String error, String errorField, int maxPhotos) {

    /** One entry of the timeline. */
    public record EventView(Instant time, String who, String what, String text, String change, List<String> photos) {
    }

    public boolean can(String action) {
        return detail.allows(AlertAction.fromId(action));
    }

    /** Whether any of the state changes with an optional note is offered. */
    public boolean anyStep() {
        return can("ack") || can("resolve") || can("close") || can("reopen");
    }
}
