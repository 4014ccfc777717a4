package org.carewatch.alerts.model;

/**
 * Alert kinds that code refers to. Sensor alerts use their rule id as kind (e.g. {@code smoke},
 * {@code co2-critical}); titles for all kinds are in {@code org/carewatch/alerts/messages*.properties}.
 */
public final class AlertKinds {
    public static final String SUSPECTED_ABUSE = "suspected-abuse";
    public static final String PATROL_FINDING = "patrol-finding";
    public static final String DEVICE_OFFLINE = "device-offline";
    public static final String SENSOR_NO_DATA = "no-data";
    public static final String CAMERA_OFFLINE = "camera-offline";
    public static final String CAMERA_STALLED = "camera-stalled";
    public static final String CAMERA_REFUSED = "camera-refused";
    /** A centre switched off, re-pointed or asked to mask one of its own cameras during opening hours. */
    public static final String CAMERA_CHANGED_BY_CENTRE = "camera-changed-by-centre";

    /** A patrol visit not reviewed by the end of its round (raised by the patrol module's coverage check). */
    public static final String PATROL_REVIEW_OVERDUE = "patrol-review-overdue";
    /**
     * Kinds addressed to the district only: the centre's staff never see them (they would tell a centre when and
     * by whom it is patrolled), in lists, details, queues or live notices.
     */
    public static final java.util.Set<String> DISTRICT_ONLY = java.util.Set.of(PATROL_REVIEW_OVERDUE);

    private AlertKinds() {
    }
}
