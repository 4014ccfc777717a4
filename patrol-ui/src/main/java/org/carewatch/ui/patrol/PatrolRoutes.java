package org.carewatch.ui.patrol;

import io.vertx.ext.web.Router;
import org.carewatch.patrol.PatrolServices;
import org.carewatch.ui.http.Blocking;

/** Every patrol route, for wiring in one line (rotations, officers, rotation rules, classes, spot checks). */
public final class PatrolRoutes implements org.carewatch.ui.http.ApiFeature {
    private final RotationRoutes rotations;
    private final OfficerRoutes officers;
    private final RotationRulesRoutes rules;
    private final ClassRoutes classes;
    private final SpotCheckRoutes spotChecks;

    public PatrolRoutes(PatrolServices s, Blocking blocking) {
        rotations = new RotationRoutes(s.rotations(), blocking);
        officers = new OfficerRoutes(s.rosters(), blocking);
        rules = new RotationRulesRoutes(s.rules(), blocking);
        classes = new ClassRoutes(s.classes(), blocking);
        spotChecks = new SpotCheckRoutes(s.spotChecks(), blocking);
    }

    public void mount(Router api) {
        rotations.mount(api);
        officers.mount(api);
        rules.mount(api);
        classes.mount(api);
        spotChecks.mount(api);
    }
}
