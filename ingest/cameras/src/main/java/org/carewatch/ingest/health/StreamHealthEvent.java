package org.carewatch.ingest.health;

import java.time.Instant;

/**
 * A change of a camera's stream state.
 *
 * @param cameraId the camera's registry id (see {@link org.carewatch.ingest.stream.StreamHolder} on the id type)
 * @param previous state before (null for the very first event)
 * @param current  state now
 * @param at       when the change was seen
 * @param detail   one line on why (never contains credentials)
 */
public record StreamHealthEvent(long cameraId, StreamState previous, StreamState current, Instant at,
                                String detail) {
}
