package org.carewatch.profiles.sensor;

import java.time.Instant;

/**
 * One decoded measurement. Booleans are 1.0/0.0; enums carry their number in {@code value} and the
 * device's text in {@code label} (null for numbers and booleans). {@code unit} may be null.
 */
public record Reading(String metric, double value, String unit, Instant observedAt, String label) {
}
