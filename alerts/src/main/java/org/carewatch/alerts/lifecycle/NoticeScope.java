package org.carewatch.alerts.lifecycle;

/**
 * Which live alert notices a caller may receive ({@link AlertService#liveScope}): the same scope as
 * reading the alert, so a console's stream never shows what its list would hide.
 */
@FunctionalInterface
public interface NoticeScope {
    boolean covers(long districtId, long centreId);

    /**
     * Whether the caller sees who in the district follows alerts up; when not (facility staff), a stream sends
     * {@link FacilityView}'s version of each alert, as {@link AlertService#detail} would show it.
     */
    default boolean districtView() {
        return true;
    }

    /** Whether the caller may receive a notice of an alert in this centre that is or is not {@link org.carewatch.alerts.model.Alert#districtOnly()}. */
    default boolean covers(long districtId, long centreId, boolean districtOnly) {
        return covers(districtId, centreId) && (!districtOnly || districtView());
    }
}
