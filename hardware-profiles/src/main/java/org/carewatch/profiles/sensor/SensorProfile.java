package org.carewatch.profiles.sensor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One sensor family as described by a file under {@code sensors/}: the MQTT topics it publishes on, how
 * to turn its payloads into readings, when it counts as offline, and the alert rules a centre inherits.
 *
 * @param topics          topics carrying readings, each with one {@code {device}} level
 * @param timestamp       where the observation time is, null: the receive time is used
 * @param ignoreIf        messages to accept but not turn into readings (e.g. Shelly NotifyEvent)
 * @param require         values that, when present, must be one of the listed ones (e.g. Tasmota TempUnit C)
 * @param availability    last-will topic and payloads, null when the device has none
 * @param reportInterval  how often the device normally reports
 * @param offlineAfter    silence after which the device counts as offline
 * @param maxPayloadBytes larger payloads are rejected as "oversized"
 */
public record SensorProfile(
        String id,
        String name,
        String nameZh,
        String vendor,
        String family,
        List<TopicPattern> topics,
        PayloadFormat format,
        int maxPayloadBytes,
        TimestampField timestamp,
        List<MetricMapping> metrics,
        List<ValueCondition> ignoreIf,
        List<ValueCondition> require,
        Availability availability,
        Duration reportInterval,
        Duration offlineAfter,
        List<AlertRule> alertRules,
        String notes) {

    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

    public SensorProfile {
        Objects.requireNonNull(id, "id");
        topics = List.copyOf(topics);
        metrics = List.copyOf(metrics);
        ignoreIf = List.copyOf(ignoreIf);
        require = List.copyOf(require);
        alertRules = List.copyOf(alertRules);
    }

    /**
     * True when a reading of this profile can raise a critical alert at once (a critical rule with no
     * pending duration: smoke, gas, an emergency button). Ingest gives such devices' messages priority over
     * routine readings, so the alarm is not queued behind a backlog.
     */
    public boolean lifeSafety() {
        return alertRules.stream().anyMatch(r -> r.severity() == Severity.CRITICAL
                && (r.forDuration() == null || r.forDuration().isZero()));
    }

    /** A decoder for this profile; decoders are stateless and safe to share between threads. */
    public SensorDecoder decoder() {
        return new SensorDecoder(this);
    }

    /**
     * MQTT subscription filters for one device ({@code +} in the device level when {@code device} is
     * null): the reading topics, then the availability topic if any.
     */
    public List<String> topicFilters(String device) {
        List<String> out = new ArrayList<>();
        topics.forEach(t -> out.add(t.filter(device)));
        if (availability != null) {
            out.add(availability.topic().filter(device));
        }
        return List.copyOf(out);
    }

    /** The device name if the topic is one of this profile's reading or availability topics. */
    public Optional<String> matchDevice(String topic) {
        for (TopicPattern t : topics) {
            Optional<String> d = t.match(topic);
            if (d.isPresent()) {
                return d;
            }
        }
        return availability == null ? Optional.empty() : availability.topic().match(topic);
    }

    public Optional<MetricMapping> metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * True for online, false for offline, empty when the topic is not this profile's availability topic
     * or the payload is neither.
     */
    public Optional<Boolean> decodeAvailability(String topic, byte[] payload) {
        if (availability == null || payload == null || payload.length > 1024
                || availability.topic().match(topic).isEmpty()) {
            return Optional.empty();
        }
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        if (availability.path() != null && text.startsWith("{")) {
            text = Payloads.textAt(text, availability.path()).orElse("");
        }
        if (availability.online().contains(text)) {
            return Optional.of(Boolean.TRUE);
        }
        if (availability.offline().contains(text)) {
            return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }
}
