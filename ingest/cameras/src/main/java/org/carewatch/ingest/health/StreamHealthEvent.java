package org.carewatch.ingest.health;

import java.time.Instant;

/**
 * A change of a camera's stream state.
 *
 * @param cameraId the id the holder was given for the camera
 * @param previous state before (null for the very first event)
 * @param current  state now
 * @param at       when the change was seen
 * @param detail   one line on why (never contains credentials)
 */
public record StreamHealthEvent(String cameraId, StreamState previous, StreamState current, Instant at,
                                String detail) {
}
