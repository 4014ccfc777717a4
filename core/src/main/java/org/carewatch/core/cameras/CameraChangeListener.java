package org.carewatch.core.cameras;

/**
 * Told about every recorded camera change after it is committed, e.g. to alert the district when a centre
 * switches off, re-points or masks one of its own cameras during opening hours.
 */
@FunctionalInterface
public interface CameraChangeListener {
    CameraChangeListener NONE = change -> {
    };

    void recorded(CameraChange change) throws java.sql.SQLException;

    /** Fields whose change by the centre the district must hear about during opening hours. */
    java.util.Set<String> WATCHED = java.util.Set.of("active", "profileId", "host", "port", "path", "channel", "stream", "privacyMasks",
            "privacyMasksRequested");

    /**
     * Made by the centre's own staff during its opening hours and switching the camera off, re-pointing it or
     * asking for other privacy masks: what the district is alerted to.
     */
    static boolean concernsDistrict(CameraChange c) {
        if (!c.byCentre() || !c.openingHours() || !"update".equals(c.action())) {
            return false;
        }
        for (String f : c.fields()) {
            if (f.equals("active") ? Boolean.FALSE.equals(c.after().get("active")) : WATCHED.contains(f)) {
                return true;
            }
        }
        return c.maskRequestId() != null;
    }
}
