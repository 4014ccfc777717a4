package org.carewatch.profiles.sensor;

import java.util.List;

/** The outcome of decoding one message: readings, or the reason the message was rejected. */
public sealed interface DecodeResult {

    /** Readings from a well-formed message; empty when the profile says to ignore the message. */
    record Decoded(List<Reading> readings) implements DecodeResult {
        public Decoded {
            readings = List.copyOf(readings);
        }
    }

    /** A message that could not be used, with a one-line reason (payload excerpts quoted and truncated). */
    record Rejected(String reason) implements DecodeResult {
    }
}
