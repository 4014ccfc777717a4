package org.carewatch.core.centres;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * A childcare centre (托育机构, 托班 or 社区宝宝屋) under a district's supervision, with the hours that
 * decide when it must be patrolled and when its cameras count as faulty.
 *
 * @param openDays    ISO day numbers, 1 = Monday
 * @param holdCameras keep the centre's camera streams open (else they are sampled on demand)
 */
public record Centre(
        long id,
        long districtId,
        String code,
        String name,
        CentreKind kind,
        String address,
        int capacity,
        String contactName,
        String contactPhone,
        List<Integer> openDays,
        LocalTime opensAt,
        LocalTime closesAt,
        LocalTime napStartsAt,
        LocalTime napEndsAt,
        boolean holdCameras,
        boolean active,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether the centre is open at {@code t} in the zone its hours are written in (open days, opens at, closes at). */
    public boolean openAt(Instant t, java.time.ZoneId zone) {
        var local = t.atZone(zone);
        LocalTime lt = local.toLocalTime();
        return openDays.contains(local.getDayOfWeek().getValue()) && !lt.isBefore(opensAt) && lt.isBefore(closesAt);
    }
}
