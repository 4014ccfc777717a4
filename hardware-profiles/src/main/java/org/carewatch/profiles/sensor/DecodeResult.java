package org.carewatch.profiles.sensor;

import java.util.List;
import java.util.Objects;

/** The outcome of decoding one message: readings, or the kind of problem and the reason it was rejected. */
public sealed interface DecodeResult {

    /** Readings from a well-formed message; empty when the profile says to ignore the message. */
    record Decoded(List<Reading> readings) implements DecodeResult {
        public Decoded {
            readings = List.copyOf(readings);
        }
    }

    /** A message that could not be used: its kind, and a one-line reason (payload excerpts quoted and truncated). */
    record Rejected(DecodeProblem kind, String reason) implements DecodeResult {
        public Rejected {
            Objects.requireNonNull(kind, "kind");
        }

        static Rejected malformed(String reason) {
            return new Rejected(DecodeProblem.MALFORMED, reason);
        }
    }
}
