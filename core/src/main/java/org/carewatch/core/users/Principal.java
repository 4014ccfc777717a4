package org.carewatch.core.users;

import org.carewatch.core.errors.ForbiddenException;

/**
 * A signed-in user and their scope: district users (admin, officer, auditor) see their district's centres;
 * facility staff see only their own centre.
 */
public record Principal(long userId, String username, String displayName, Role role, Long districtId, Long centreId,
                        String locale) {

    public boolean hasRole(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }

    /** Throws {@link ForbiddenException} unless the caller has one of the roles: the role half of every service check. */
    public void requireRole(Role... roles) {
        if (!hasRole(roles)) {
            throw new ForbiddenException("your role may not do this");
        }
    }

    /** Whether a centre of the given district is within this user's scope. */
    public boolean canSee(long centreDistrictId, long centreId) {
        return role == Role.FACILITY ? this.centreId != null && this.centreId == centreId
                : this.districtId != null && this.districtId == centreDistrictId;
    }
}
