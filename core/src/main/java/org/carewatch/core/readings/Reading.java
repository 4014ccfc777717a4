package org.carewatch.core.readings;

import java.time.Instant;

/**
 * A sensor's metric value at a time, as ingest accepts it: one row of the {@code readings} table
 * ({@code time, centre_id, sensor_id, metric, value}) plus the sensor's hardware profile, which the rules
 * choose by. The profile is not stored in the row (the sensor's registration holds it); it travels with the
 * reading so that nothing after the router has to look it up again. Readings of one sensor share the
 * sensor's profile string, so carrying it costs a reference, not a copy.
 *
 * @param profileId the id of the sensor's hardware profile; null only for readings replayed from a spool
 *                  file written before readings carried it (those are stored, never handed to listeners)
 */
public record Reading(Instant time, long centreId, long sensorId, String profileId, String metric, double value) {
}
