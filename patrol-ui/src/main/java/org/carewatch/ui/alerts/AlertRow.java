package org.carewatch.ui.alerts;

import java.time.Instant;
import java.util.Locale;
import org.carewatch.alerts.lifecycle.AlertText;
import org.carewatch.alerts.model.Alert;

/** One alert as a console row: localised title, severity and state, centre name, times and deadline. */
public record AlertRow(long id, String title, String summary, String severity, String severityLabel, String state, String stateLabel,
                       String centre, Instant firstSeen, Instant lastSeen, int occurrences, Instant answerDue, boolean active,
                       boolean waitingForCentre) {
    private static final int SUMMARY = 90;

    public static AlertRow of(Alert a, Locale locale, String centreName) {
        return new AlertRow(a.id(), AlertText.title(a.kind(), (String) a.detail().get("metric"), locale), summary(a), a.severity().id(),
                AlertText.word("severity." + a.severity().id(), locale), a.state().id(), AlertText.word("state." + a.state().id(), locale),
                centreName == null ? "#" + a.centreId() : centreName, a.firstSeen(), a.lastSeen(), a.occurrences(), a.answerDue(),
                a.state().active(), a.state().active() && a.state() != org.carewatch.alerts.model.AlertState.ANSWERED);
    }

    /** The start of a finding's text (what the officer wrote), or null for alerts without one. */
    private static String summary(Alert a) {
        if (!(a.detail().get("text") instanceof String t) || t.isBlank()) {
            return null;
        }
        String s = t.strip().replaceAll("\\s+", " ");
        return s.length() <= SUMMARY ? s : s.substring(0, SUMMARY) + "…";
    }

    public boolean critical() {
        return "critical".equals(severity);
    }
}
