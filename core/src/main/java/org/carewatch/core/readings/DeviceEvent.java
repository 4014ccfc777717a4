package org.carewatch.core.readings;

import java.time.Instant;

/**
 * A device came online or went offline: from its availability (last-will) message, or because it was
 * silent longer than its profile's {@code offline_after}.
 */
public record DeviceEvent(Instant time, long centreId, long sensorId, boolean online, String reason) {
}
