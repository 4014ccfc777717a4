package org.carewatch.core.audit;

import java.sql.SQLException;
import java.util.List;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;

/**
 * Who viewed which camera: auditors and administrators read the access log of their own district's
 * centres (newest first) and check the log's hash chain.
 */
public final class AccessLogService {
    private static final Role[] REVIEWERS = {Role.AUDITOR, Role.ADMIN};
    static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** What the log records (the table's check constraint). */
    public static final List<String> ACTIONS = List.of("snapshot", "live", "export", "frame");

    private final AccessLog log;
    private final AccessLogQuery query;

    public AccessLogService(AccessLog log, AccessLogQuery query) {
        this.log = log;
        this.query = query;
    }

    /** Entries of centres in the caller's district (a centre of another district simply has none). */
    public List<AccessLogQuery.Entry> list(Principal who, AccessLogFilter f) throws SQLException {
        who.requireRole(REVIEWERS);
        // Said, never silently clamped: a caller asking for 0 or a million rows learns the range.
        if (f.limit() != null && (f.limit() < 1 || f.limit() > MAX_LIMIT)) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (f.action() != null && !ACTIONS.contains(f.action())) {
            throw new InvalidInputException("action", "must be one of " + String.join(", ", ACTIONS));
        }
        if (f.from() != null && f.to() != null && !f.to().isAfter(f.from())) {
            throw new InvalidInputException("to", "must be after 'from'");
        }
        int limit = f.limit() == null ? DEFAULT_LIMIT : f.limit().intValue();
        return query.list(who.districtId(), f, limit);
    }

    /**
     * Walks the whole hash chain. The answer names no entry's content (only counts and the first broken
     * row's id), so it is not limited to the caller's district.
     */
    public AccessLog.Verification verify(Principal who) throws SQLException {
        who.requireRole(REVIEWERS);
        return log.verify();
    }
}
