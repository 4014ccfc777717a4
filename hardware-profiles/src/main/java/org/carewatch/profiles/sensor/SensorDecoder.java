package org.carewatch.profiles.sensor;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carewatch.profiles.parse.Describe;
import org.carewatch.profiles.sensor.DecodeResult.Decoded;
import org.carewatch.profiles.sensor.DecodeResult.Rejected;

/**
 * Turns one MQTT message into readings following a {@link SensorProfile}. Never throws: every problem
 * with the topic or payload becomes a {@link Rejected} with its {@link DecodeProblem kind} and a one-line
 * reason. Stateless and thread-safe.
 */
public final class SensorDecoder {

    private final SensorProfile profile;

    SensorDecoder(SensorProfile profile) {
        this.profile = profile;
    }

    public SensorProfile profile() {
        return profile;
    }

    public DecodeResult decode(String topic, byte[] payload, Instant receivedAt) {
        try {
            return decodeUnchecked(topic, payload, receivedAt);
        } catch (RuntimeException e) {
            // Last line of defence: a bug here must not take the MQTT client down.
            return Rejected.malformed("decoder error (" + e.getClass().getSimpleName() + ")");
        }
    }

    private DecodeResult decodeUnchecked(String topic, byte[] payload, Instant receivedAt) {
        if (receivedAt == null) {
            return Rejected.malformed("no receive time");
        }
        if (payload == null || payload.length == 0) {
            return Rejected.malformed("empty payload");
        }
        if (payload.length > profile.maxPayloadBytes()) {
            return new Rejected(DecodeProblem.OVERSIZED, "oversized: " + payload.length + " bytes, limit " + profile.maxPayloadBytes());
        }
        if (profile.topics().stream().noneMatch(t -> t.match(topic).isPresent())) {
            boolean availability = profile.availability() != null && profile.availability().topic().match(topic).isPresent();
            return Rejected.malformed(availability
                    ? "availability topic: use decodeAvailability"
                    : "topic " + (topic == null ? "null" : Describe.text(topic)) + " is not a reading topic of profile " + profile.id());
        }
        JsonNode root;
        if (profile.format() == PayloadFormat.TEXT) {
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(payload)).toString().trim();
                root = TextNode.valueOf(text);
            } catch (CharacterCodingException e) {
                return Rejected.malformed("payload is not valid UTF-8 text");
            }
        } else {
            try {
                root = Payloads.parse(payload);
            } catch (JacksonException e) {
                return Rejected.malformed("malformed JSON: " + firstLine(e.getOriginalMessage()));
            }
            if (root == null || root.isMissingNode()) {
                return Rejected.malformed("malformed JSON: no value");
            }
        }
        for (ValueCondition c : profile.require()) {
            Optional<String> v = Payloads.scalarText(c.path().find(root));
            JsonNode raw = c.path().find(root);
            if (!raw.isMissingNode() && (v.isEmpty() || !c.values().contains(v.get()))) {
                return Rejected.malformed(c.path() + " is " + Describe.node(raw) + ", expected one of " + c.values());
            }
        }
        for (ValueCondition c : profile.ignoreIf()) {
            Optional<String> v = Payloads.scalarText(c.path().find(root));
            if (v.isPresent() && c.values().contains(v.get())) {
                return new Decoded(List.of());
            }
        }
        Instant observedAt = receivedAt;
        if (profile.timestamp() != null) {
            for (PayloadPath p : profile.timestamp().paths()) {
                JsonNode t = p.find(root);
                if (absent(t)) {
                    continue;
                }
                TimeOrProblem parsed = time(t, profile.timestamp().format());
                if (parsed.problem != null) {
                    return Rejected.malformed("timestamp at " + p + ": " + parsed.problem);
                }
                if (parsed.time != null) {
                    observedAt = parsed.time;
                }
                break;
            }
        }
        List<Reading> readings = new ArrayList<>();
        for (MetricMapping m : profile.metrics()) {
            JsonNode value = null;
            PayloadPath at = null;
            for (PayloadPath p : m.paths()) {
                JsonNode v = p.find(root);
                if (!absent(v)) {
                    value = v;
                    at = p;
                    break;
                }
            }
            if (value == null) {
                continue;
            }
            String where = "metric '" + m.name() + "' at " + (at.toString().isEmpty() ? "(payload)" : at);
            ReadingOrProblem r = reading(m, value, observedAt);
            if (r.problem != null) {
                return new Rejected(r.kind, where + ": " + r.problem);
            }
            readings.add(r.reading);
        }
        if (readings.isEmpty()) {
            return Rejected.malformed("no mapped metric in payload (profile " + profile.id() + ")");
        }
        return new Decoded(readings);
    }

    private static boolean absent(JsonNode v) {
        return v.isMissingNode() || v.isNull() || (v.isTextual() && v.asText().isEmpty());
    }

    private record ReadingOrProblem(Reading reading, DecodeProblem kind, String problem) {
    }

    private static ReadingOrProblem problem(String p) {
        return new ReadingOrProblem(null, DecodeProblem.MALFORMED, p);
    }

    private static ReadingOrProblem reading(MetricMapping m, JsonNode v, Instant at) {
        double value;
        String label = null;
        switch (m.type()) {
            case NUMBER -> {
                Double raw = number(v);
                if (raw == null && v.isNumber()) {
                    return problem("number too large: " + Describe.node(v));
                }
                if (raw == null) {
                    return problem("expected a number, got " + Describe.node(v));
                }
                value = raw * m.scale() + m.offset();
            }
            case BOOLEAN -> {
                Boolean b = bool(m, v);
                if (b == null) {
                    return problem("expected true or false" + (m.trueValues().isEmpty() ? ""
                            : " (or " + m.trueValues() + " / " + m.falseValues() + ")") + ", got " + Describe.node(v));
                }
                value = b != m.invert() ? 1.0 : 0.0;
            }
            default -> {
                Optional<String> text = Payloads.scalarText(v);
                Double mapped = text.map(t -> m.enumValues().get(t)).orElse(null);
                if (mapped == null) {
                    return problem("unknown value " + Describe.node(v) + ", expected one of " + m.enumValues().keySet());
                }
                value = mapped;
                label = text.get();
            }
        }
        if (!Double.isFinite(value)) {
            return problem("value is not a finite number");
        }
        if ((m.min() != null && value < m.min()) || (m.max() != null && value > m.max())) {
            return new ReadingOrProblem(null, DecodeProblem.OUT_OF_RANGE, "value " + value + (m.unit() == null ? "" : " " + m.unit())
                    + " is outside the physical range " + (m.min() == null ? "" : m.min()) + ".." + (m.max() == null ? "" : m.max()));
        }
        return new ReadingOrProblem(new Reading(m.name(), value, m.unit(), at, label), null, null);
    }

    /** JSON numbers, and numbers sent as text ("21.5"), which several firmwares do. */
    private static Double number(JsonNode v) {
        if (v.isNumber()) {
            double d = v.asDouble();
            return Double.isFinite(d) ? d : null;
        }
        if (v.isTextual()) {
            String t = v.asText().trim();
            if (t.length() <= 40 && t.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,3})?")) {
                double d = Double.parseDouble(t);
                return Double.isFinite(d) ? d : null;
            }
        }
        return null;
    }

    private static Boolean bool(MetricMapping m, JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        Optional<String> t = Payloads.scalarText(v);
        if (t.isPresent() && m.trueValues().contains(t.get())) {
            return true;
        }
        if (t.isPresent() && m.falseValues().contains(t.get())) {
            return false;
        }
        return null;
    }

    private record TimeOrProblem(Instant time, String problem) {
    }

    private static TimeOrProblem time(JsonNode t, TimestampFormat format) {
        try {
            if (t.isNumber()) {
                if (format == TimestampFormat.ISO) {
                    return new TimeOrProblem(null, "expected ISO-8601 text, got " + Describe.node(t));
                }
                BigDecimal n = t.decimalValue();
                boolean millis = format == TimestampFormat.EPOCH_MILLIS
                        || (format == TimestampFormat.AUTO && n.compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0);
                BigDecimal ms = millis ? n : n.movePointRight(3);
                if (ms.signum() < 0 || ms.compareTo(BigDecimal.valueOf(32_503_680_000_000L)) > 0) {
                    return new TimeOrProblem(null, "out of range: " + Describe.node(t));
                }
                return new TimeOrProblem(Instant.ofEpochMilli(ms.longValue()), null);
            }
            if (t.isTextual()) {
                if (format == TimestampFormat.EPOCH_SECONDS || format == TimestampFormat.EPOCH_MILLIS) {
                    return new TimeOrProblem(null, "expected a number, got " + Describe.node(t));
                }
                String s = t.asText().trim();
                if (s.length() > 40) {
                    return new TimeOrProblem(null, "not an ISO-8601 time: " + Describe.node(t));
                }
                OffsetDateTime common = IsoTimestamps.parseCommon(s);
                if (common != null) {
                    return new TimeOrProblem(common.toInstant(), null);
                }
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, OffsetDateTime::from,
                        java.time.LocalDateTime::from);
                if (parsed instanceof OffsetDateTime odt) {
                    return new TimeOrProblem(odt.toInstant(), null);
                }
                // Local time without an offset: not placeable on the time line; keep the receive time.
                return new TimeOrProblem(null, null);
            }
        } catch (DateTimeException | ArithmeticException e) {
            return new TimeOrProblem(null, "not a time: " + Describe.node(t));
        }
        return new TimeOrProblem(null, "not a time: " + Describe.node(t));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("unreadable").replaceAll("\\p{Cntrl}", "?");
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
