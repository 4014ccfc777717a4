package org.carewatch.core.cameras;

import java.sql.SQLException;
import java.util.List;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;

/**
 * Camera registration: administrators (their district) and facility staff (their own centre) register and
 * change cameras; every role reads the cameras in its scope (the scope of the camera's centre). A camera
 * outside the caller's scope is "not found", whether or not it exists.
 */
public final class CameraService {
    private static final Role[] READERS = Role.values();
    private static final Role[] EDITORS = {Role.ADMIN, Role.FACILITY};

    private final CameraRepository cameras;
    private final CentreService centres;
    private final CameraChanges changes;

    public CameraService(CameraRepository cameras, CentreService centres, CameraChanges changes) {
        this.cameras = cameras;
        this.centres = centres;
        this.changes = changes;
    }

    /** The cameras of a centre in the caller's scope. */
    public List<Camera> list(Principal who, long centreId) throws SQLException {
        who.requireRole(READERS);
        centres.visible(who, centreId);
        return cameras.listByCentre(centreId);
    }

    /**
     * The camera when its centre is in the caller's scope; else {@link NotFoundException}. Anything that
     * shows a camera or its pictures asks this first.
     */
    public Camera visible(Principal who, long cameraId) throws SQLException {
        who.requireRole(READERS);
        Camera cam = cameras.find(cameraId).orElse(null);
        if (cam == null || centres.findVisible(who, cam.centreId()).isEmpty()) {
            throw new NotFoundException("camera " + cameraId + " not found");
        }
        return cam;
    }

    /** Registers a camera in a centre of the caller's scope; the change is then announced. */
    public Camera create(Principal who, long centreId, CameraInput in) throws SQLException {
        who.requireRole(EDITORS);
        centres.visible(who, centreId);
        Camera created = cameras.create(centreId, in);
        changes.cameraChanged(created.id());
        return created;
    }

    /** Changes a camera in the caller's scope, with the version read; the change is then announced. */
    public Camera update(Principal who, long cameraId, CameraInput in) throws SQLException {
        who.requireRole(EDITORS);
        visible(who, cameraId);
        Camera updated = cameras.update(cameraId, in);
        changes.cameraChanged(cameraId);
        return updated;
    }
}
