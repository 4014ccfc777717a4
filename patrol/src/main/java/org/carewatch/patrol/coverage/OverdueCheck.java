package org.carewatch.patrol.coverage;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.model.AlertKinds;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.patrol.rotation.DayRounds;
import org.carewatch.patrol.rotation.RotationRepository;
import org.carewatch.profiles.sensor.Severity;

/**
 * A centre not reviewed by the end of its round raises an alert to the district (kind
 * {@code patrol-review-overdue}, addressed to the district only: the centre's staff never see it). Idempotent:
 * each visit is claimed once in {@code patrol_overdue_visits}, and the alert's deduplication key is the visit,
 * so a retried raise counts on the same alert.
 */
public final class OverdueCheck {
    /** How many days back unreviewed visits are looked at (a node down over a day boundary still reports them). */
    static final int LOOK_BACK_DAYS = 2;

    private final OverdueRepository overdue;
    private final RotationRepository rotations;
    private final AlertService alerts;

    public OverdueCheck(OverdueRepository overdue, RotationRepository rotations, AlertService alerts) {
        this.overdue = overdue;
        this.rotations = rotations;
        this.alerts = alerts;
    }

    /** Raises the alert of every unreviewed visit whose round ended before {@code now}; returns how many were raised. */
    public int run(Instant now) throws SQLException {
        List<OverdueRepository.Candidate> candidates = overdue.candidates(LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(LOOK_BACK_DAYS));
        Map<String, DayRounds> days = new HashMap<>();
        int n = 0;
        for (OverdueRepository.Candidate v : candidates) {
            String key = v.districtId() + "/" + v.day();
            DayRounds rounds = days.get(key);
            if (rounds == null) {
                List<RotationRepository.StoredDraw> draws = rotations.current(v.districtId(), v.day());
                if (draws.isEmpty()) {
                    continue;
                }
                rounds = DayRounds.of(draws.get(0));
                days.put(key, rounds);
            }
            Instant end = rounds.endsAt(v.round());
            if (now.isBefore(end)) {
                continue;
            }
            if (!overdue.claim(v.visitId())) {
                continue; // another check is raising it
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("visitId", v.visitId());
            detail.put("day", v.day().toString());
            detail.put("round", rounds.round(v.round()).name());
            detail.put("roundEndedAt", end.toString());
            detail.put("officerId", v.officerId());
            Trigger t = new Trigger(v.centreId(), AlertSource.SYSTEM, "patrol-review", "visit-" + v.visitId(), AlertKinds.PATROL_REVIEW_OVERDUE,
                    Severity.MAJOR, "Patrol visit not reviewed by the end of round " + rounds.round(v.round()).name() + " on " + v.day(),
                    detail, now);
            long alertId = alerts.raise(t).alert().id();
            overdue.setAlert(v.visitId(), alertId);
            n++;
        }
        return n;
    }
}
