package org.carewatch.alerts.engine;

import java.time.Instant;

/** One decoded sensor value as the telemetry pipeline hands it to {@link AlertEngine#onReading}. */
public record SensorReading(long centreId, long sensorId, String profileId, String metric, double value, Instant time) {
}
