package org.carewatch.core.users;

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

    /** Whether a centre of the given district is within this user's scope. */
    public boolean canSee(long centreDistrictId, long centreId) {
        return role == Role.FACILITY ? this.centreId != null && this.centreId == centreId
                : this.districtId != null && this.districtId == centreDistrictId;
    }
}
