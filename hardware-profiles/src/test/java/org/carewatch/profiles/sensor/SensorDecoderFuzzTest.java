package org.carewatch.profiles.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.carewatch.profiles.catalog.ProfileCatalog;

/**
 * Fuzzes MQTT payload decoding with every shipped sensor profile: {@link SensorDecoder#decode} never throws
 * and never needs its last-resort catch ("decoder error"), readings are finite, and availability decoding
 * never throws. In every build the seeds and past crashes under {@code SensorDecoderFuzzTestInputs} run
 * (regression mode); {@code JAZZER_FUZZ=1} fuzzes (README "Fuzzing").
 */
class SensorDecoderFuzzTest {
    /** Sorted by id, so a seed's first byte names the same profile in every build. */
    private static final List<SensorProfile> PROFILES = ProfileCatalog.builtIn().sensors().stream()
            .sorted(java.util.Comparator.comparing(SensorProfile::id)).toList();
    private static final Instant NOW = Instant.parse("2026-01-05T08:00:00Z");

    /**
     * Byte 0 picks the profile, byte 1 the topic: 0 a reading topic of device {@code dev}, 1 the availability
     * topic, otherwise the bytes up to the first newline. The rest is the payload.
     */
    @FuzzTest(maxDuration = "2m")
    void decode(byte[] input) {
        if (input.length < 2) {
            return;
        }
        SensorProfile profile = PROFILES.get(Byte.toUnsignedInt(input[0]) % PROFILES.size());
        byte[] rest = Arrays.copyOfRange(input, 2, input.length);
        String topic;
        byte[] payload = rest;
        switch (input[1] & 3) {
            case 0 -> topic = profile.topics().get(0).filter("dev");
            case 1 -> topic = profile.availability() != null ? profile.availability().topic().filter("dev") : profile.topics().get(0).filter("dev");
            default -> {
                int nl = indexOf(rest, (byte) '\n');
                topic = new String(rest, 0, nl < 0 ? rest.length : nl, StandardCharsets.UTF_8);
                payload = nl < 0 ? new byte[0] : Arrays.copyOfRange(rest, nl + 1, rest.length);
            }
        }
        DecodeResult result = profile.decoder().decode(topic, payload, NOW);
        if (result instanceof DecodeResult.Rejected r) {
            assertThat(r.reason()).as("profile %s", profile.id()).doesNotStartWith("decoder error");
            assertThat(r.reason().length()).isLessThan(2000);
        } else {
            for (Reading reading : ((DecodeResult.Decoded) result).readings()) {
                assertThat(Double.isFinite(reading.value())).as("%s %s", profile.id(), reading).isTrue();
                assertThat(reading.observedAt()).isNotNull();
            }
        }
        profile.decodeAvailability(topic, payload);
    }

    private static int indexOf(byte[] b, byte v) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
