package org.carewatch.ui.patrol;

import io.vertx.ext.web.Router;
import org.carewatch.patrol.PatrolServices;
import org.carewatch.ui.http.Blocking;

/** Every patrol route, for wiring in one line (rotations, officers, rotation rules, classes, spot checks, review). */
public final class PatrolRoutes implements org.carewatch.ui.http.ApiFeature {
    private final RotationRoutes rotations;
    private final OfficerRoutes officers;
    private final RotationRulesRoutes rules;
    private final ClassRoutes classes;
    private final SpotCheckRoutes spotChecks;
    private final ReviewRoutes reviews;

    /** Planning routes only (no review wired). */
    public PatrolRoutes(PatrolServices s, Blocking blocking) {
        this(s, null, blocking);
    }

    /** Planning and, when {@code review} is given, the officer's review (queue, visits, verdicts, coverage). */
    public PatrolRoutes(PatrolServices s, org.carewatch.patrol.PatrolReviewServices review, Blocking blocking) {
        rotations = new RotationRoutes(s.rotations(), blocking);
        officers = new OfficerRoutes(s.rosters(), blocking);
        rules = new RotationRulesRoutes(s.rules(), blocking);
        classes = new ClassRoutes(s.classes(), blocking);
        spotChecks = new SpotCheckRoutes(s.spotChecks(), blocking);
        reviews = review == null ? null : new ReviewRoutes(review.reviews(), review.coverage(), blocking);
    }

    public void mount(Router api) {
        rotations.mount(api);
        officers.mount(api);
        rules.mount(api);
        classes.mount(api);
        spotChecks.mount(api);
        if (reviews != null) {
            reviews.mount(api);
        }
    }
}
