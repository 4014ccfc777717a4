package org.carewatch.tools.simulator.sensors;

import java.time.Instant;
import java.util.Random;

/**
 * One simulated device. Observation times are kept strictly increasing per device (at least 1 ms apart),
 * so two messages never share a (sensor, metric, time) key.
 */
public final class SimulatedDevice {
    private final String profileId;
    private final String device;
    private final Random random;
    private Instant last = Instant.EPOCH;

    public SimulatedDevice(String profileId, String device, long seed) {
        PayloadModel.topic(profileId, device);
        PayloadModel.payload(profileId, device, Instant.now(), new Random(seed)); // fails early for unsupported profiles
        this.profileId = profileId;
        this.device = device;
        this.random = new Random(seed);
    }

    public String profileId() {
        return profileId;
    }

    public String device() {
        return device;
    }

    public String topic() {
        return PayloadModel.topic(profileId, device);
    }

    /** The next message at (about) {@code now}, in millisecond precision. */
    public synchronized Message next(Instant now) {
        Instant t = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (!t.isAfter(last)) {
            t = last.plusMillis(1);
        }
        last = t;
        return new Message(topic(), PayloadModel.payload(profileId, device, t, random), t);
    }

    public record Message(String topic, String payload, Instant observedAt) {
    }
}
