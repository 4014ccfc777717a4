package org.carewatch.core.audit;

import java.time.Instant;

/**
 * What an auditor asks of the access log; every part may be null (no filter).
 *
 * @param before only rows with a smaller id (keyset paging)
 * @param limit  rows wanted; 1..1000 ({@link AccessLogService} refuses others), 100 when absent
 */
public record AccessLogFilter(Long centreId, String username, Instant from, Instant to, Long before, Long limit) {
}
