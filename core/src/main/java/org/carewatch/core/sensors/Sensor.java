package org.carewatch.core.sensors;

import java.time.Instant;

/** A registered sensor (device): its centre, hardware profile and the device key its topics carry. */
public record Sensor(long id, long centreId, String name, String profileId, String deviceKey, String location, boolean active,
                     int version, Instant createdAt, Instant updatedAt) {
}
