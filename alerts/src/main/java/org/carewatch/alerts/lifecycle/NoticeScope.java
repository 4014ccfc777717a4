package org.carewatch.alerts.lifecycle;

/**
 * Which live alert notices a caller may receive ({@link AlertService#liveScope}): the same scope as
 * reading the alert, so a console's stream never shows what its list would hide.
 */
@FunctionalInterface
public interface NoticeScope {
    boolean covers(long districtId, long centreId);
}
