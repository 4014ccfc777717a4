package org.carewatch.alerts.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertEvent;
import org.carewatch.alerts.model.AlertSource;

/**
 * What facility staff see of an alert: everything about the finding and its deadlines, nothing about who in
 * the district is assigned to their centre or recorded the finding (the role stays, the person goes).
 */
public final class FacilityView {
    /** The actor of a district user's event as facility staff see it: {@code role:officer}. */
    static final String ROLE_PREFIX = "role:";

    private FacilityView() {
    }

    public static Alert of(Alert a) {
        boolean patrol = a.source() == AlertSource.PATROL;
        return new Alert(a.id(), a.districtId(), a.centreId(), a.source(), patrol ? "" : a.sourceId(), a.ruleId(), a.kind(),
                a.severity(), a.title(), withoutAssignee(a.detail()), patrol ? "" : a.dedupKey(), a.state(), a.conditionActive(),
                a.firstSeen(), a.lastSeen(), a.occurrences(), null, a.ackDue(), a.answerDue(), a.escalationLevel(), a.updatedAt(),
                a.version());
    }

    public static AlertEvent of(AlertEvent e) {
        return new AlertEvent(e.time(), e.alertId(), e.centreId(), actor(e.actor()), e.action(), withoutAssignee(e.detail()));
    }

    /** {@code user:ID:NAME:ROLE} of anyone but facility staff becomes {@code role:ROLE}; a patrol's {@code user:ID:NAME} becomes {@code role:officer}. */
    static String actor(String actor) {
        if (actor == null || !actor.startsWith("user:")) {
            return actor;
        }
        String[] parts = actor.split(":");
        if (parts.length >= 4) {
            return "facility".equals(parts[3]) ? actor : ROLE_PREFIX + parts[3];
        }
        return ROLE_PREFIX + "officer";
    }

    private static Map<String, Object> withoutAssignee(Map<String, Object> detail) {
        if (!detail.containsKey("assigneeId")) {
            return detail;
        }
        Map<String, Object> m = new LinkedHashMap<>(detail);
        m.remove("assigneeId");
        return m;
    }
}
