package org.carewatch.ingest.fleet;

import java.sql.SQLException;
import org.carewatch.core.cameras.CameraService;
import org.carewatch.core.users.Principal;

/** A camera's stream health for a caller: whoever may see the camera ({@link CameraService#visible}) may see its health. */
public final class CameraHealthService {
    private final CameraService cameras;
    private final CameraFleet fleet;

    public CameraHealthService(CameraService cameras, CameraFleet fleet) {
        this.cameras = cameras;
        this.fleet = fleet;
    }

    /** Blocking (reads the registry): call off event loops. */
    public CameraHealth health(Principal who, long cameraId) throws SQLException {
        return fleet.health(cameras.visible(who, cameraId));
    }
}
