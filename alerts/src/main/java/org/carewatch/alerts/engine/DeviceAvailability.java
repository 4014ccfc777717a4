package org.carewatch.alerts.engine;

import java.time.Instant;

/** A sensor's online/offline report (MQTT last will or availability topic), for {@link AlertEngine#onAvailability}. */
public record DeviceAvailability(long centreId, long sensorId, boolean online, Instant time) {
}
