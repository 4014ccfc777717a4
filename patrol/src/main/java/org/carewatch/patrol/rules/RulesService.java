package org.carewatch.patrol.rules;

import org.carewatch.patrol.access.Access;

import java.sql.SQLException;
import org.carewatch.core.users.Principal;

/** Rotation rules: district roles read their district's; its administrators replace them. */
public final class RulesService {
    private final RulesRepository rules;

    public RulesService(RulesRepository rules) {
        this.rules = rules;
    }

    public RotationRules get(Principal who, long districtId) throws SQLException {
        return rules.get(Access.requireDistrict(who, districtId, "district " + districtId));
    }

    public RotationRules put(Principal who, long districtId, RotationRules.Input in) throws SQLException {
        Access.requireDistrict(who, districtId, "district " + districtId);
        Access.adminDistrict(who);
        in.validate();
        return rules.put(districtId, in);
    }
}
