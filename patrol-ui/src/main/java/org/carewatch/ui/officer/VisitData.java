package org.carewatch.ui.officer;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carewatch.alerts.history.AlertHistory;
import org.carewatch.alerts.history.AlertQuery;
import org.carewatch.alerts.model.Alert;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraService;
import org.carewatch.core.readings.ReadingQueries;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.core.sensors.SensorService;
import org.carewatch.core.users.Principal;
import org.carewatch.patrol.review.QueueView;
import org.carewatch.patrol.review.ReviewService;
import org.carewatch.patrol.review.VisitView;

/**
 * What the visit page shows, read in one go off the event loop. The visit comes first from
 * {@link ReviewService#visit}, which decides whether the caller may see it (404 outside their district, for
 * facility staff too); the centre's cameras, sensors and alerts then come from their own services with the same
 * caller, each checking its own scope.
 */
record VisitData(VisitView visit, List<Camera> cameras, List<SensorData> sensors, List<Alert> alerts, int roundSize) {
    private static final int ALERTS = 50;

    /** A sensor with its latest values and its last hours. */
    record SensorData(Sensor sensor, List<ReadingQueries.LatestValue> latest, ReadingQueries.Series series) {
    }

    static VisitData load(Principal who, long visitId, ReviewService reviews, CameraService cameras, SensorService sensors, AlertHistory alerts,
                          Instant now, Duration chartSpan, Duration bucket) throws SQLException {
        VisitView v = reviews.visit(who, visitId);
        long centre = v.centre().id();
        List<SensorData> readings = new ArrayList<>();
        for (Sensor s : sensors.list(who, centre)) {
            if (s.active()) {
                readings.add(new SensorData(s, sensors.latest(who, s.id()).values(), sensors.readings(who, s.id(), now.minus(chartSpan), now, bucket)));
            }
        }
        List<Alert> open = alerts.list(who, new AlertQuery(centre, null, null, null, null, null, null, ALERTS, 0)).items().stream()
                .filter(a -> a.state().active()).toList();
        int roundSize = v.order();
        if (v.officerId() == who.userId()) {
            QueueView q = reviews.queue(who);
            roundSize = (int) q.visits().stream().filter(i -> i.round().index() == v.round().index()).count();
        }
        return new VisitData(v, cameras.list(who, centre), readings, open, roundSize);
    }
}
