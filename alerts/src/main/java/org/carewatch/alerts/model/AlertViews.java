package org.carewatch.alerts.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of an alert for the API, the live push and webhooks (lower-case ids, ISO times). */
public final class AlertViews {
    private AlertViews() {
    }

    public static Map<String, Object> of(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("districtId", a.districtId());
        m.put("centreId", a.centreId());
        m.put("source", a.source().id());
        m.put("sourceId", a.sourceId());
        m.put("ruleId", a.ruleId());
        m.put("kind", a.kind());
        m.put("severity", a.severity().id());
        m.put("title", a.title());
        m.put("detail", a.detail());
        m.put("dedupKey", a.dedupKey());
        m.put("state", a.state().id());
        m.put("conditionActive", a.conditionActive());
        m.put("firstSeen", a.firstSeen().toString());
        m.put("lastSeen", a.lastSeen().toString());
        m.put("occurrences", a.occurrences());
        m.put("assigneeId", a.assigneeId());
        m.put("ackDue", a.ackDue().toString());
        m.put("answerDue", a.answerDue().toString());
        m.put("escalationLevel", a.escalationLevel());
        m.put("updatedAt", a.updatedAt().toString());
        m.put("version", a.version());
        return m;
    }

    public static Map<String, Object> of(AlertEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time().toString());
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("detail", e.detail());
        return m;
    }
}
