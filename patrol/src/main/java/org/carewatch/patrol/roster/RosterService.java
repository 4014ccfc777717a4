package org.carewatch.patrol.roster;

import org.carewatch.patrol.access.Access;

import java.sql.SQLException;
import java.util.List;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;

/**
 * Officers' rosters: district roles read their district's officers; administrators of the district change
 * working days, absences and declared conflicts (which must name centres of the district).
 */
public final class RosterService {
    private final RosterRepository rosters;
    private final CentreRepository centres;

    public RosterService(RosterRepository rosters, CentreRepository centres) {
        this.rosters = rosters;
        this.centres = centres;
    }

    public List<OfficerRoster> list(Principal who) throws SQLException {
        return rosters.list(Access.districtOf(who));
    }

    public OfficerRoster get(Principal who, long officerId) throws SQLException {
        long district = Access.districtOf(who);
        return rosters.find(officerId).filter(o -> o.districtId() == district)
                .orElseThrow(() -> new NotFoundException("officer " + officerId + " not found"));
    }

    public OfficerRoster update(Principal who, long officerId, RosterPatch patch) throws SQLException {
        long district = Access.adminDistrict(who);
        get(who, officerId);
        patch.validate();
        if (patch.conflictCentreIds() != null) {
            for (long id : patch.conflictCentreIds()) {
                if (centres.find(id).filter(c -> c.districtId() == district).isEmpty()) {
                    throw new InvalidInputException("conflictCentreIds", "no centre " + id + " in your district");
                }
            }
        }
        rosters.update(officerId, patch);
        return get(who, officerId);
    }
}
