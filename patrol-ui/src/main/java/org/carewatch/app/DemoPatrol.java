package org.carewatch.app;

import java.util.List;
import java.util.Optional;
import org.carewatch.core.demo.DemoDistrict;
import org.carewatch.core.districts.DistrictRepository;
import org.carewatch.core.users.Principal;
import org.carewatch.patrol.PatrolServices;
import org.carewatch.patrol.access.Access;
import org.carewatch.patrol.frames.FrameSampler;
import org.carewatch.patrol.roster.OfficerRoster;
import org.carewatch.patrol.roster.RosterPatch;
import org.carewatch.patrol.schedule.PatrolScheduler;

/**
 * The demo's patrol: its officers work every day of the week (so whatever day the demo starts, someone is on
 * duty; some demo centres open at weekends), today's plan is drawn at start and the current or next round is
 * sampled at once, so the officers find visits with fresh frames in their queue.
 */
final class DemoPatrol {
    private static final List<Integer> EVERY_DAY = List.of(1, 2, 3, 4, 5, 6, 7);

    private DemoPatrol() {
    }

    /** Blocking (store, cameras): run on a virtual thread. Empty when there is no demo district or nothing to sample. */
    static Optional<FrameSampler.Result> start(DistrictRepository districts, PatrolServices patrol, PatrolScheduler scheduler)
            throws Exception {
        var district = districts.findByCode(DemoDistrict.DISTRICT_CODE);
        if (district.isEmpty()) {
            return Optional.empty();
        }
        long id = district.get().id();
        Principal system = Access.system(id, "demo");
        for (OfficerRoster o : patrol.rosters().list(system)) {
            if (!o.workingDays().containsAll(EVERY_DAY)) {
                patrol.rosters().update(system, o.id(), new RosterPatch(EVERY_DAY, null, null, o.version()));
            }
        }
        return scheduler.demoStart(id);
    }
}
