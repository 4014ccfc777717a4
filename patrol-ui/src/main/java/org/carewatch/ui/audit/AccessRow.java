package org.carewatch.ui.audit;

import java.time.Instant;
import org.carewatch.core.audit.AccessLogQuery;
import org.carewatch.ui.i18n.Messages;

/** One access log entry as the page and its CSV show it: who (and as what role), what, which centre, why, from where. */
public record AccessRow(long id, Instant time, String username, String role, String roleLabel, String action, String actionLabel,
                        String objectType, long objectId, String objectLabel, long centreId, String centre, String purpose, String client) {

    static AccessRow of(AccessLogQuery.Entry e, String centreName, Messages m) {
        String roleKey = "role." + e.role();
        String actionKey = "access.action." + e.action();
        String objectKey = "access.object." + e.objectType();
        String object = (m.has(objectKey) ? m.get(objectKey) : e.objectType()) + " #" + e.objectId();
        return new AccessRow(e.id(), e.time(), e.username(), e.role(), m.has(roleKey) ? m.get(roleKey) : e.role(), e.action(),
                m.has(actionKey) ? m.get(actionKey) : e.action(), e.objectType(), e.objectId(), object, e.centreId(),
                centreName == null ? "#" + e.centreId() : centreName, e.purpose(), e.client());
    }
}
