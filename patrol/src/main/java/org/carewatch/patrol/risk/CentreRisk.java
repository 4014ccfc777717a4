package org.carewatch.patrol.risk;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.carewatch.core.users.Principal;

/** How risky each centre of a district has been recently: what weights field spot checks. */
public interface CentreRisk {
    record Counts(int findings, int overdue) {
    }

    /** Per centre id (centres with no alerts may be absent): findings and overdue alerts first seen since {@code since}. */
    Map<Long, Counts> since(Principal who, Instant since) throws SQLException;
}
