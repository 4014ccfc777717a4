package org.carewatch.core.centres;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;

/**
 * Centres and the scope rule every other service builds on: district users (admin, officer, auditor) see
 * the centres of their district, facility staff only their own centre; anything else is "not found", never
 * "elsewhere". Every role reads within its scope; administrators create and change centres of their own
 * district.
 */
public final class CentreService {
    private static final Role[] READERS = Role.values();
    private static final Role[] EDITORS = {Role.ADMIN};

    private final CentreRepository centres;
    private final CentreChanges changes;

    public CentreService(CentreRepository centres, CentreChanges changes) {
        this.centres = centres;
        this.changes = changes;
    }

    /** The centres in the caller's scope, ordered by code. */
    public List<Centre> list(Principal who, boolean includeInactive) throws SQLException {
        who.requireRole(READERS);
        if (who.role() == Role.FACILITY) {
            return who.centreId() == null ? List.of()
                    : findVisible(who, who.centreId()).filter(c -> includeInactive || c.active()).stream().toList();
        }
        return who.districtId() == null ? List.of() : centres.listByDistrict(who.districtId(), includeInactive);
    }

    /** The centre when it is in the caller's scope; else {@link NotFoundException}, whether or not it exists. */
    public Centre visible(Principal who, long id) throws SQLException {
        who.requireRole(READERS);
        return findVisible(who, id).orElseThrow(() -> new NotFoundException("centre " + id + " not found"));
    }

    /**
     * The centre when it is in the caller's scope, else empty: the scope rule itself, for services of objects
     * that belong to a centre (they answer "not found" in their own words).
     */
    public Optional<Centre> findVisible(Principal who, long id) throws SQLException {
        return centres.find(id).filter(c -> who.canSee(c.districtId(), c.id()));
    }

    /**
     * A centre by id for the node's own processes (rule engine, jobs), which act for no caller. Never call it
     * to answer a request: requests go through {@link #visible} or {@link #findVisible}.
     */
    public Optional<Centre> findForSystem(long id) throws SQLException {
        return centres.find(id);
    }

    /** Administrators create centres in their own district (a {@code districtId} naming another one is refused). */
    public Centre create(Principal who, CentreInput in) throws SQLException {
        who.requireRole(EDITORS);
        if (in.districtId() != null && !in.districtId().equals(who.districtId())) {
            throw new ForbiddenException("districtId", "centres can only be created in your own district");
        }
        CentreInput scoped = new CentreInput(who.districtId(), in.code(), in.name(), in.kind(), in.address(), in.capacity(),
                in.contactName(), in.contactPhone(), in.openDays(), in.opensAt(), in.closesAt(), in.napStartsAt(), in.napEndsAt(),
                in.holdCameras(), in.active(), null);
        return centres.create(scoped);
    }

    /** Administrators change centres in their scope, with the version they read; the change is then announced. */
    public Centre update(Principal who, long id, CentreInput in) throws SQLException {
        who.requireRole(EDITORS);
        visible(who, id);
        Centre updated = centres.update(id, in);
        changes.centreChanged(id);
        return updated;
    }
}
