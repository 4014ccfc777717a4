package org.carewatch.ui.alerts;

import java.time.Instant;
import java.util.Locale;
import org.carewatch.alerts.lifecycle.AlertText;
import org.carewatch.alerts.model.Alert;

/** One alert as a console row: localised title, severity and state, centre name, times and deadline. */
public record AlertRow(long id, String title, String severity, String severityLabel, String state, String stateLabel, String centre,
                       Instant firstSeen, Instant lastSeen, int occurrences, Instant answerDue, boolean active, boolean waitingForCentre) {

    public static AlertRow of(Alert a, Locale locale, String centreName) {
        return new AlertRow(a.id(), AlertText.title(a.kind(), (String) a.detail().get("metric"), locale), a.severity().id(),
                AlertText.word("severity." + a.severity().id(), locale), a.state().id(), AlertText.word("state." + a.state().id(), locale),
                centreName == null ? "#" + a.centreId() : centreName, a.firstSeen(), a.lastSeen(), a.occurrences(), a.answerDue(),
                a.state().active(), a.state().active() && a.state() != org.carewatch.alerts.model.AlertState.ANSWERED);
    }

    public boolean critical() {
        return "critical".equals(severity);
    }
}
