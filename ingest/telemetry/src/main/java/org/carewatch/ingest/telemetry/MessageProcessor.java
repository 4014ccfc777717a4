package org.carewatch.ingest.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.carewatch.core.readings.Reading;
import org.carewatch.core.readings.RejectKind;
import org.carewatch.core.readings.RejectedMessage;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.profiles.sensor.DecodeProblem;
import org.carewatch.profiles.sensor.DecodeResult;

/**
 * Turns one message into readings, an availability change, or a rejection. Never throws; its only state is
 * the count of readings whose device timestamps were not believed.
 *
 * <p>Device clocks are not trusted: a reading stamped more than {@code maxSkew} after the message arrived is
 * kept with its arrival time (so a wrong clock cannot make it the sensor's "latest" value for hours) and
 * counted; a reading stamped before the retention window is rejected as {@link RejectKind#STALE}.
 */
final class MessageProcessor {
    static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(2);

    private final int maxMessageBytes;
    private final Duration maxSkew;
    /** Null: no lower bound. */
    private final Duration retention;
    private final AtomicLong restamped = new AtomicLong();

    MessageProcessor(int maxMessageBytes) {
        this(maxMessageBytes, DEFAULT_MAX_SKEW, null);
    }

    MessageProcessor(int maxMessageBytes, Duration maxSkew, Duration retention) {
        this.maxMessageBytes = maxMessageBytes;
        this.maxSkew = maxSkew;
        this.retention = retention;
    }

    /** Readings whose future timestamp was replaced by their arrival time, since start. */
    long timestampsRejected() {
        return restamped.get();
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
        Instant arrived = m.receivedAt();
        Instant latest = arrived.plus(maxSkew);
        Instant earliest = retention == null ? null : arrived.minus(retention);
        List<Reading> rows = new ArrayList<>(decoded.size());
        for (var d : decoded) {
            Instant at = d.observedAt();
            if (earliest != null && at.isBefore(earliest)) {
                return reject(s, m, RejectKind.STALE, "stamped " + at + ", before the retention window (" + retention + ")");
            }
            if (at.isAfter(latest)) {
                restamped.incrementAndGet();
                at = arrived;
            }
            rows.add(new Reading(at, s.centreId(), s.id(), s.profileId(), d.metric(), d.value()));
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
