package org.carewatch.core.readings;

import java.util.Locale;

/** Why a message was not turned into readings; {@link #code()} is stored and used as a metrics tag. */
public enum RejectKind {
    /** The payload does not decode (bad JSON, wrong type, unknown label...). */
    MALFORMED,
    /** No registered sensor publishes on this topic. */
    UNKNOWN_TOPIC,
    /** A value outside the metric's physical range. */
    OUT_OF_RANGE,
    /** Larger than the size limit. */
    OVERSIZED,
    /** Stamped by the device before the readings' retention window (device clocks are not trusted). */
    STALE,
    /** Anything else (e.g. the node's queue is full for QoS 0 messages). */
    UNSUPPORTED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RejectKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
