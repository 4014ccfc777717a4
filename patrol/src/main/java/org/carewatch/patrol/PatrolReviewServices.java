package org.carewatch.patrol;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.users.UserRepository;
import org.carewatch.patrol.classes.ClassRepository;
import org.carewatch.patrol.coverage.CoverageService;
import org.carewatch.patrol.coverage.OverdueCheck;
import org.carewatch.patrol.coverage.OverdueRepository;
import org.carewatch.patrol.coverage.ReviewSchedule;
import org.carewatch.patrol.frames.FrameRepository;
import org.carewatch.patrol.review.AbuseFrameGuard;
import org.carewatch.patrol.review.FindingAlerts;
import org.carewatch.patrol.review.RatioLimits;
import org.carewatch.patrol.review.ReviewRepository;
import org.carewatch.patrol.review.ReviewService;
import org.carewatch.patrol.roster.RosterRepository;
import org.carewatch.patrol.rotation.RotationRepository;
import org.carewatch.patrol.rules.RulesRepository;

/**
 * The review half of the patrol for one node: verdicts and findings ({@link ReviewService}), coverage and the
 * overdue check, and the guard of suspected-abuse frames. Wiring: add {@link #frameGuard()} to the alerts'
 * notifier and start {@link #startSchedule(Duration)}.
 */
public record PatrolReviewServices(ReviewService reviews, CoverageService coverage, OverdueCheck overdue, FindingAlerts findingAlerts,
                                   AbuseFrameGuard frameGuard, Clock clock) {

    /** @param defaultZone the time zone of districts that set none (config {@code alerts.timeZone}) */
    public static PatrolReviewServices create(DataSource ds, AlertService alerts, RatioLimits limits, String defaultZone, Clock clock) {
        ReviewRepository reviews = new ReviewRepository(ds);
        RotationRepository rotations = new RotationRepository(ds);
        RulesRepository rules = new RulesRepository(ds, defaultZone);
        FrameRepository frames = new FrameRepository(ds);
        FindingAlerts findingAlerts = new FindingAlerts(alerts, frames, reviews, new UserRepository(ds));
        ReviewService review = new ReviewService(reviews, rotations, rules, new CentreRepository(ds), new ClassRepository(ds), frames,
                findingAlerts, limits, clock);
        OverdueRepository overdue = new OverdueRepository(ds);
        CoverageService coverage = new CoverageService(rotations, overdue, new RosterRepository(ds, new UserRepository(ds)), rules, clock);
        return new PatrolReviewServices(review, coverage, new OverdueCheck(overdue, rotations, alerts), findingAlerts,
                new AbuseFrameGuard(reviews, findingAlerts, alerts), clock);
    }

    /** Starts the periodic overdue check, alert retries and frame release; close it to stop. */
    public ReviewSchedule startSchedule(Duration every) {
        return new ReviewSchedule(overdue, findingAlerts, frameGuard, clock, every);
    }
}
