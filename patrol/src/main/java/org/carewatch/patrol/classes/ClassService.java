package org.carewatch.patrol.classes;

import java.sql.SQLException;
import java.util.List;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;

/**
 * A centre's classes: everyone who may see the centre reads them (district roles, the centre's own staff);
 * the district's administrators and the centre's own facility staff change them.
 */
public final class ClassService {
    private final ClassRepository classes;
    private final CentreService centres;

    public ClassService(ClassRepository classes, CentreService centres) {
        this.classes = classes;
        this.centres = centres;
    }

    public List<CentreClass> list(Principal who, long centreId) throws SQLException {
        return classes.list(centres.visible(who, centreId).id());
    }

    public CentreClass create(Principal who, long centreId, CentreClass.Input in) throws SQLException {
        Centre c = editable(who, centreId);
        in.validate(true);
        return classes.create(c.id(), in);
    }

    public CentreClass update(Principal who, long centreId, long classId, CentreClass.Input in) throws SQLException {
        Centre c = editable(who, centreId);
        CentreClass cur = classes.find(classId).filter(k -> k.centreId() == c.id())
                .orElseThrow(() -> new NotFoundException("class " + classId + " not found"));
        in.validate(false);
        return classes.update(cur, in);
    }

    public void delete(Principal who, long centreId, long classId) throws SQLException {
        Centre c = editable(who, centreId);
        classes.find(classId).filter(k -> k.centreId() == c.id()).orElseThrow(() -> new NotFoundException("class " + classId + " not found"));
        classes.delete(classId);
    }

    private Centre editable(Principal who, long centreId) throws SQLException {
        Centre c = centres.visible(who, centreId);
        who.requireRole(Role.ADMIN, Role.FACILITY);
        return c;
    }
}
