package org.carewatch.alerts.history;

import java.time.Instant;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.profiles.sensor.Severity;

/**
 * Filters over alert history (all optional; {@code from}/{@code to} bound the first-seen time, to
 * exclusive), with a page: {@code limit} (1-1000) rows after skipping {@code offset}, newest first.
 */
public record AlertQuery(Long centreId, Instant from, Instant to, String kind, Severity severity, AlertState state,
                         AlertSource source, int limit, int offset) {
    public static final int MAX_LIMIT = 1000;

    public AlertQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new InvalidInputException("offset", "must not be negative");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after 'from'");
        }
    }

    public static AlertQuery all() {
        return new AlertQuery(null, null, null, null, null, null, null, MAX_LIMIT, 0);
    }

    public AlertQuery page(int newLimit, int newOffset) {
        return new AlertQuery(centreId, from, to, kind, severity, state, source, newLimit, newOffset);
    }
}
