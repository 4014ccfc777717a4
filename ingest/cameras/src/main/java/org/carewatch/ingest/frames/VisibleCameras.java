package org.carewatch.ingest.frames;

import java.sql.SQLException;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;

/**
 * The scope half of the frame service's check: the camera when the caller may see it, else
 * {@link NotFoundException} (404), whether or not it exists. A seam so that core's camera service can
 * supply the one rule for "who sees which camera"; {@link #of} is that rule on the repositories.
 */
@FunctionalInterface
public interface VisibleCameras {

    Camera visible(Principal who, long cameraId) throws SQLException;

    /** District users see their district's cameras, facility staff their own centre's. */
    static VisibleCameras of(CameraRepository cameras, CentreRepository centres) {
        return (who, id) -> {
            Camera cam = cameras.find(id).orElseThrow(() -> new NotFoundException("camera " + id + " not found"));
            var centre = centres.find(cam.centreId()).orElseThrow(() -> new NotFoundException("camera " + id + " not found"));
            if (!who.canSee(centre.districtId(), centre.id())) {
                throw new NotFoundException("camera " + id + " not found");
            }
            return cam;
        };
    }
}
