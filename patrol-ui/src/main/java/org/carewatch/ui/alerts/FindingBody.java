package org.carewatch.ui.alerts;

/** Body of {@code POST /api/v1/alerts}: a finding recorded during a patrol. */
public record FindingBody(Long centreId, String kind, String severity, String title, String text) {
}
