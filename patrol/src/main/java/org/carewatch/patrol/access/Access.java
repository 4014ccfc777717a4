package org.carewatch.patrol.access;

import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;

/**
 * The scope rules every patrol service shares: plans, rosters and rules belong to a district and are seen by
 * its administrators, officers and auditors; facility staff never see them (403); another district's
 * objects are 404.
 */
public final class Access {
    private Access() {
    }

    /** The caller's district, for a district role; 403 for facility staff. */
    public static long districtOf(Principal who) {
        who.requireRole(Role.ADMIN, Role.OFFICER, Role.AUDITOR);
        if (who.districtId() == null) {
            throw new NotFoundException("no district");
        }
        return who.districtId();
    }

    /** The district if the caller belongs to it (any district role), else 404. */
    public static long requireDistrict(Principal who, long districtId, String what) {
        if (districtOf(who) != districtId) {
            throw new NotFoundException(what + " not found");
        }
        return districtId;
    }

    /** Administrators of the caller's district only (403 for other roles). */
    public static long adminDistrict(Principal who) {
        who.requireRole(Role.ADMIN);
        return districtOf(who);
    }

    /** A principal for work the system does for a district (command line, schedules): an administrator of it. */
    public static Principal system(long districtId, String name) {
        return new Principal(0, "system:" + name, "system", Role.ADMIN, districtId, null, "en");
    }
}
