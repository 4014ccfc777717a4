package org.carewatch.patrol.review;

import java.sql.SQLException;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.alerts.notify.AlertNotice;
import org.carewatch.alerts.notify.AlertPublisher;
import org.carewatch.patrol.access.Access;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a suspected-abuse finding's frames protected exactly while its alert is not closed: the district
 * closing it (the centre cannot) releases them, reopening protects them again. Hears the alert notices after
 * commit and does the work on a virtual thread (publishers must not block); {@link #sweep} catches up on
 * anything missed (a node stopped between the close and the release) and runs with the review schedule.
 */
public final class AbuseFrameGuard implements AlertPublisher {
    private static final Logger log = LoggerFactory.getLogger(AbuseFrameGuard.class);

    private final ReviewRepository reviews;
    private final FindingAlerts findings;
    private final AlertService alerts;

    public AbuseFrameGuard(ReviewRepository reviews, FindingAlerts findings, AlertService alerts) {
        this.reviews = reviews;
        this.findings = findings;
        this.alerts = alerts;
    }

    @Override
    public void publish(AlertNotice n) {
        Alert a = n.alert();
        if (!a.suspectedAbuse() || !("alert.closed".equals(n.event()) || "alert.reopened".equals(n.event()))) {
            return;
        }
        Thread.ofVirtual().name("abuse-frames-" + a.id()).start(() -> {
            try {
                apply(a.id(), "alert.closed".equals(n.event()));
            } catch (Exception e) {
                log.warn("frames of suspected-abuse alert {} not updated yet (the review schedule retries): {}", a.id(), e.toString());
            }
        });
    }

    private void apply(long alertId, boolean closed) throws SQLException {
        var f = reviews.abuseByAlert(alertId);
        if (f.isEmpty()) {
            return; // a suspected-abuse alert recorded outside the patrol review has no patrol frames
        }
        if (closed) {
            findings.release(alertId);
        } else {
            findings.protect(f.get(), alertId);
        }
    }

    /** Releases the frames of every suspected-abuse finding whose alert is closed; returns how many alerts. */
    public int sweep() throws SQLException {
        int n = 0;
        for (ReviewRepository.Pending f : reviews.protectedAbuse()) {
            try {
                Alert a = alerts.visible(Access.system(f.districtId(), "patrol-review"), f.alertId());
                if (a.state() == AlertState.CLOSED) {
                    findings.release(a.id());
                    n++;
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("frames of suspected-abuse alert {} not checked (next run): {}", f.alertId(), e.toString());
            }
        }
        return n;
    }
}
