package org.carewatch.alerts.lifecycle;

/**
 * A finding recorded during a patrol, as a caller gives it ({@link AlertService#recordFinding(org.carewatch.core.users.Principal, Finding)}):
 * {@code centreId} required; {@code severity} one of critical, major, minor, warning (default major;
 * suspected abuse is always critical); {@code title} defaults to the kind's title.
 */
public record Finding(Long centreId, String kind, String severity, String title, String text) {
}
