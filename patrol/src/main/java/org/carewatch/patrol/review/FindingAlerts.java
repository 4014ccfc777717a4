package org.carewatch.patrol.review;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertKinds;
import org.carewatch.core.users.Principal;
import org.carewatch.patrol.frames.FrameRepository;
import org.carewatch.patrol.frames.PatrolFrame;
import org.carewatch.profiles.sensor.Severity;

/**
 * Turns a stored finding into an alert addressed to the centre through the alert lifecycle (deadline by
 * severity, the centre answers, the officer re-checks). Suspected abuse goes in as the alerts module's
 * {@code suspected-abuse} kind (critical, not closable by the centre, the district lead notified at once) and
 * its frames are protected from the purge with the alert's id; with no frames named, every frame of the
 * visit's centre and round is protected (mandatory reporting keeps the evidence rather than guessing).
 */
public final class FindingAlerts {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FindingAlerts.class);
    private final AlertService alerts;
    private final FrameRepository frames;
    private final ReviewRepository reviews;
    private final org.carewatch.core.users.UserRepository users;

    public FindingAlerts(AlertService alerts, FrameRepository frames, ReviewRepository reviews, org.carewatch.core.users.UserRepository users) {
        this.alerts = alerts;
        this.frames = frames;
        this.reviews = reviews;
        this.users = users;
    }

    /**
     * Raises the finding's alert as {@code who} (the officer, or the system retrying) and links it; the finding's id
     * is the alert's reference, so a retry after a failure counts on the same active alert instead of a new one.
     */
    public Alert raise(Principal who, ReviewRepository.Pending f, Map<String, Object> extra) throws SQLException {
        boolean abuse = f.category() == FindingCategory.SUSPECTED_ABUSE;
        String kind = abuse ? AlertKinds.SUSPECTED_ABUSE : AlertKinds.PATROL_FINDING;
        Map<String, Object> detail = new LinkedHashMap<>(extra);
        detail.put("visitId", f.visitId());
        detail.put("findingId", f.findingId());
        detail.put("category", f.category().code());
        detail.put("frameIds", f.frameIds());
        String title = "Patrol finding: " + f.category().code().replace('_', ' ');
        Alert a = alerts.recordFinding(who, f.centreId(), kind, Severity.valueOf(f.severity().toUpperCase(Locale.ROOT)), title, f.note(),
                "finding-" + f.findingId(), detail);
        if (abuse) {
            protect(f, a.id());
        }
        reviews.setAlert(f.findingId(), a.id());
        return a;
    }

    /** Raises the alerts of findings stored without one (a failed raise, a node stopped); returns how many. */
    public int retryPending() throws SQLException {
        int n = 0;
        for (ReviewRepository.Pending f : reviews.withoutAlert()) {
            try {
                // As the officer who recorded it (the alert's key names them), the system if they are gone from the district.
                Principal who = users.find(f.officerId()).filter(p -> p.districtId() != null && p.districtId() == f.districtId())
                        .orElse(org.carewatch.patrol.access.Access.system(f.districtId(), "patrol-review"));
                raise(who, f, Map.of("retried", true));
                n++;
            } catch (SQLException | RuntimeException e) {
                // e.g. another node raising the same reference at the same moment: the next run finds it linked
                log.warn("alert of finding {} not raised yet (retried next run): {}", f.findingId(), e.toString());
            }
        }
        return n;
    }

    /** Protects the suspected-abuse finding's frames (all of its visit's when it named none) with its alert. */
    public void protect(ReviewRepository.Pending f, long alertId) throws SQLException {
        List<Long> ids = f.frameIds();
        if (ids.isEmpty()) {
            var v = reviews.visit(f.visitId()).orElseThrow();
            ids = frames.forCentreRound(v.districtId(), v.day(), v.round(), v.centreId()).stream().map(PatrolFrame::id).toList();
        }
        frames.protect(ids, alertId);
        reviews.markReleased(alertId, false);
    }

    /** The district closed the suspected-abuse alert: its frames follow the retention again. */
    public void release(long alertId) throws SQLException {
        frames.release(alertId);
        reviews.markReleased(alertId, true);
    }
}
