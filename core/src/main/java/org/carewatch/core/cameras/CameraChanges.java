package org.carewatch.core.cameras;

import java.sql.SQLException;

/** Told about every registered or changed camera after the change is stored, e.g. so the fleet (re)holds or releases its stream. */
@FunctionalInterface
public interface CameraChanges {
    CameraChanges NONE = cameraId -> {
    };

    void cameraChanged(long cameraId) throws SQLException;
}
