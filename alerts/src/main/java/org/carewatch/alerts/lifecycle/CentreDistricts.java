package org.carewatch.alerts.lifecycle;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.errors.NotFoundException;

/**
 * The district of each centre an alert is raised for, read through core's {@link CentreService} the
 * first time a centre raises something and remembered: a centre never moves to another district, so the
 * rule engine's writer asks the database once per centre, not once per alert. Unknown centres are not
 * remembered (one may be created later).
 */
final class CentreDistricts {
    private final CentreService centres;
    private final Map<Long, Long> districtOf = new ConcurrentHashMap<>();

    CentreDistricts(CentreService centres) {
        this.centres = centres;
    }

    /** The centre's district; {@link NotFoundException} when there is no such centre. */
    long of(long centreId) throws SQLException {
        Long d = districtOf.get(centreId);
        if (d != null) {
            return d;
        }
        long district = centres.findForSystem(centreId).map(Centre::districtId)
                .orElseThrow(() -> new NotFoundException("centre " + centreId + " not found"));
        districtOf.put(centreId, district);
        return district;
    }

    /** Remembers a centre read for another reason (a scope check), sparing the later look-up. */
    void remember(Centre c) {
        districtOf.put(c.id(), c.districtId());
    }
}
