package org.carewatch.ingest.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carewatch.core.readings.Reading;
import org.carewatch.core.readings.RejectKind;
import org.carewatch.core.readings.RejectedMessage;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.profiles.sensor.DecodeProblem;
import org.carewatch.profiles.sensor.DecodeResult;

/** Turns one message into readings, an availability change, or a rejection. Pure; never throws. */
final class MessageProcessor {
    private final int maxMessageBytes;

    MessageProcessor(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    sealed interface Outcome {
    }

    record Readings(Sensor sensor, List<Reading> readings) implements Outcome {
    }

    record Availability(Sensor sensor, boolean online) implements Outcome {
    }

    record Rejected(Sensor sensorOrNull, RejectedMessage message) implements Outcome {
    }

    Outcome process(InboundMessage m, TopicRouter router) {
        byte[] payload = m.payload() == null ? new byte[0] : m.payload();
        if (payload.length > maxMessageBytes) {
            return reject(null, m, RejectKind.OVERSIZED, "oversized: " + payload.length + " bytes, limit " + maxMessageBytes);
        }
        Optional<TopicRouter.Route> route = router.route(m.topic());
        if (route.isEmpty()) {
            return reject(null, m, RejectKind.UNKNOWN_TOPIC, "no registered sensor publishes on this topic");
        }
        TopicRouter.Route r = route.get();
        if (r.availability()) {
            Optional<Boolean> online = r.profile().decodeAvailability(m.topic(), payload);
            return online.<Outcome>map(o -> new Availability(r.sensor(), o))
                    .orElseGet(() -> reject(r.sensor(), m, RejectKind.MALFORMED, "availability payload is neither online nor offline"));
        }
        DecodeResult result = r.profile().decoder().decode(m.topic(), payload, m.receivedAt());
        if (result instanceof DecodeResult.Rejected rej) {
            return reject(r.sensor(), m, kindOf(rej.kind()), rej.reason());
        }
        var decoded = ((DecodeResult.Decoded) result).readings();
        // The router already knows the sensor and its profile: each reading carries them to the rules.
        Sensor s = r.sensor();
        List<Reading> rows = new ArrayList<>(decoded.size());
        for (var d : decoded) {
            rows.add(new Reading(d.observedAt(), s.centreId(), s.id(), s.profileId(), d.metric(), d.value()));
        }
        return new Readings(s, rows);
    }

    /** The decoder's problem as the reject kind that is counted and stored. */
    static RejectKind kindOf(DecodeProblem problem) {
        return switch (problem) {
            case MALFORMED -> RejectKind.MALFORMED;
            case OUT_OF_RANGE -> RejectKind.OUT_OF_RANGE;
            case OVERSIZED -> RejectKind.OVERSIZED;
        };
    }

    private static Rejected reject(Sensor s, InboundMessage m, RejectKind kind, String reason) {
        return new Rejected(s, RejectedMessage.of(m.receivedAt(), m.topic(), kind, reason, m.payload()));
    }
}
