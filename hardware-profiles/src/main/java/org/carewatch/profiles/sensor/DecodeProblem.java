package org.carewatch.profiles.sensor;

/**
 * Why the decoder rejected a message, as a kind the ingest side can count and store without reading the
 * reason text (telemetry maps each to its reject kind in one switch).
 */
public enum DecodeProblem {
    /** The payload or topic does not fit the profile: bad JSON or UTF-8, wrong type, unknown label, no metric... */
    MALFORMED,
    /** A metric's value outside the physical range the profile gives it ({@code min}/{@code max}). */
    OUT_OF_RANGE,
    /** Larger than the profile's {@code max_payload_bytes}. */
    OVERSIZED
}
