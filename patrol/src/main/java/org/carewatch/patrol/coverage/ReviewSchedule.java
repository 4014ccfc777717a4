package org.carewatch.patrol.coverage;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.carewatch.patrol.review.AbuseFrameGuard;
import org.carewatch.patrol.review.FindingAlerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review's periodic work on a scheduled virtual thread: overdue visits raise their alert; findings whose
 * alert was not raised are raised; closed suspected-abuse alerts release their frames. Each step is
 * idempotent, so a run after a failure (or on several nodes) does no harm.
 */
public final class ReviewSchedule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReviewSchedule.class);

    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("patrol-review-schedule").factory());

    public ReviewSchedule(OverdueCheck overdue, FindingAlerts findings, AbuseFrameGuard frames, Clock clock, Duration every) {
        exec.scheduleWithFixedDelay(() -> {
            try {
                int raised = overdue.run(clock.instant());
                int retried = findings.retryPending();
                int released = frames.sweep();
                if (raised + retried + released > 0) {
                    log.info("patrol review: {} overdue visit(s) alerted, {} finding alert(s) retried, {} abuse alert(s) released", raised,
                            retried, released);
                }
            } catch (Exception e) {
                log.warn("patrol review check failed (retried next round): {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }
}
