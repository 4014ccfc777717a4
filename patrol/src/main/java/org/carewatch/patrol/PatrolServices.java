package org.carewatch.patrol;

import java.time.Clock;
import javax.sql.DataSource;
import org.carewatch.alerts.history.AlertHistory;
import org.carewatch.core.centres.CentreChanges;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.users.UserRepository;
import org.carewatch.patrol.classes.ClassRepository;
import org.carewatch.patrol.classes.ClassService;
import org.carewatch.patrol.risk.AlertRisk;
import org.carewatch.patrol.rotation.RotationRepository;
import org.carewatch.patrol.rotation.RotationService;
import org.carewatch.patrol.roster.RosterRepository;
import org.carewatch.patrol.roster.RosterService;
import org.carewatch.patrol.rules.RulesRepository;
import org.carewatch.patrol.rules.RulesService;
import org.carewatch.patrol.spot.SpotCheckRepository;
import org.carewatch.patrol.spot.SpotCheckService;

/** The patrol module's services for one node, built over the store (the entry point for wiring). */
public record PatrolServices(RotationService rotations, RosterService rosters, RulesService rules, ClassService classes,
                             SpotCheckService spotChecks, RotationRepository rotationRepository) {

    /** @param defaultZone the time zone of districts that set none (config {@code alerts.timeZone}) */
    public static PatrolServices create(DataSource ds, AlertHistory alertHistory, String defaultZone, Clock clock) {
        CentreRepository centres = new CentreRepository(ds);
        RosterRepository rosters = new RosterRepository(ds, new UserRepository(ds));
        RulesRepository rules = new RulesRepository(ds, defaultZone);
        RotationRepository rotations = new RotationRepository(ds);
        return new PatrolServices(new RotationService(rotations, rules, rosters, centres, clock), new RosterService(rosters, centres),
                new RulesService(rules), new ClassService(new ClassRepository(ds), new CentreService(centres, CentreChanges.NONE)),
                new SpotCheckService(new SpotCheckRepository(ds), rules, rosters, centres, new AlertRisk(alertHistory), clock), rotations);
    }
}
