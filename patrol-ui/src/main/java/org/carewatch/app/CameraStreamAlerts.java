package org.carewatch.app;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.carewatch.alerts.engine.AlertEngine;
import org.carewatch.alerts.engine.CameraStreamState;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.ingest.health.StreamHealthEvent;
import org.carewatch.ingest.health.StreamHealthListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands camera stream-health changes to the alert engine. Runs downstream of {@code StreamEventWriter}
 * (on its worker thread, never an event loop), so looking up a camera's centre once is allowed.
 */
final class CameraStreamAlerts implements StreamHealthListener {
    private static final Logger log = LoggerFactory.getLogger(CameraStreamAlerts.class);

    private final CameraRepository cameras;
    private final AlertEngine engine;
    private final Map<Long, Long> centreOfCamera = new ConcurrentHashMap<>();

    CameraStreamAlerts(CameraRepository cameras, AlertEngine engine) {
        this.cameras = cameras;
        this.engine = engine;
    }

    @Override
    public void onStreamEvent(StreamHealthEvent e) {
        long cameraId = e.cameraId();
        CameraStreamState.State state;
        try {
            state = CameraStreamState.State.valueOf(e.current().name().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException ex) {
            return; // a state the rules do not know
        }
        Long centre = centreOfCamera.computeIfAbsent(cameraId, id -> {
            try {
                return cameras.find(id).map(Camera::centreId).orElse(null);
            } catch (SQLException ex) {
                log.warn("camera {}: centre unknown, stream event not checked for alerts: {}", id, ex.getMessage());
                return null;
            }
        });
        if (centre != null) {
            engine.onCameraState(new CameraStreamState(centre, cameraId, state, e.detail(), e.at()));
        }
    }
}
