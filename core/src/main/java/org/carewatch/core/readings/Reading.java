package org.carewatch.core.readings;

import java.time.Instant;

/** One row of the {@code readings} table: a sensor's metric value at a time. */
public record Reading(Instant time, long centreId, long sensorId, String metric, double value) {
}
