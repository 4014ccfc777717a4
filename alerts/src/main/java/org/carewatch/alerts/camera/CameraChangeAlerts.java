package org.carewatch.alerts.camera;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.lifecycle.AlertText;
import org.carewatch.alerts.model.AlertKinds;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.core.cameras.CameraChange;
import org.carewatch.core.cameras.CameraChangeListener;
import org.carewatch.profiles.sensor.Severity;

/**
 * Alerts the district (a major alert of kind {@value AlertKinds#CAMERA_CHANGED_BY_CENTRE}) when a centre's
 * own staff switch off, re-point or ask to mask one of its cameras during its opening hours
 * ({@link CameraChangeListener#concernsDistrict}). Further changes to the same camera while that alert is
 * active count as repeats on it, each with its details in the alert's history.
 */
public final class CameraChangeAlerts implements CameraChangeListener {
    private final AlertService alerts;

    public CameraChangeAlerts(AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    public void recorded(CameraChange change) throws SQLException {
        if (!CameraChangeListener.concernsDistrict(change)) {
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("changeId", change.id());
        detail.put("cameraId", change.cameraId());
        detail.put("fields", change.fields());
        detail.put("by", change.username());
        if (change.maskRequestId() != null) {
            detail.put("maskRequestId", change.maskRequestId());
        }
        String kind = AlertKinds.CAMERA_CHANGED_BY_CENTRE;
        alerts.raise(new Trigger(change.centreId(), AlertSource.CAMERA, Long.toString(change.cameraId()), kind, kind, Severity.MAJOR,
                AlertText.title(kind, Locale.ROOT), detail, change.time()));
    }
}
