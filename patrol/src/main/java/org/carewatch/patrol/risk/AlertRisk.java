package org.carewatch.patrol.risk;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.carewatch.alerts.history.AlertHistory;
import org.carewatch.alerts.history.AlertQuery;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertSource;

/**
 * Risk from the alerts module's history (read through {@link AlertHistory}, within the caller's scope):
 * a finding is an alert recorded by a patrol; an overdue alert is one whose acknowledgement or answer was
 * escalated for missing its deadline.
 */
public final class AlertRisk implements CentreRisk {
    private final AlertHistory history;

    public AlertRisk(AlertHistory history) {
        this.history = history;
    }

    @Override
    public Map<Long, Counts> since(org.carewatch.core.users.Principal who, Instant since) throws SQLException {
        Map<Long, int[]> acc = new HashMap<>();
        int offset = 0;
        while (true) {
            AlertQuery q = new AlertQuery(null, since, null, null, null, null, null, AlertQuery.MAX_LIMIT, offset);
            AlertHistory.Page page = history.list(who, q);
            for (Alert a : page.items()) {
                int[] c = acc.computeIfAbsent(a.centreId(), k -> new int[2]);
                if (a.source() == AlertSource.PATROL) {
                    c[0]++;
                }
                if (a.escalationLevel() > 0) {
                    c[1]++;
                }
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                break;
            }
        }
        Map<Long, Counts> out = new HashMap<>();
        acc.forEach((k, v) -> out.put(k, new Counts(v[0], v[1])));
        return out;
    }
}
