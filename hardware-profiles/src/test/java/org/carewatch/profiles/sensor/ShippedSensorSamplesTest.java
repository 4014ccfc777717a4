package org.carewatch.profiles.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.carewatch.profiles.sensor.DecodeResult.Decoded;
import org.carewatch.profiles.sensor.DecodeResult.Rejected;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the realistic sample messages in {@code src/test/resources/samples/<profile-id>.yaml} through each
 * shipped sensor profile. Every shipped profile must have a samples file with readings that decode, payloads
 * that are rejected, and (when it has one) availability messages.
 */
class ShippedSensorSamplesTest {

    static final Instant RECEIVED = Instant.parse("2025-03-01T08:00:00Z");

    static Stream<String> shippedSensors() {
        return ProfileCatalog.builtIn().sensors().stream().map(SensorProfile::id);
    }

    @ParameterizedTest
    @MethodSource("shippedSensors")
    void samplesDecodeAsExpected(String id) throws IOException {
        SensorProfile profile = ProfileCatalog.builtIn().sensor(id).orElseThrow();
        JsonNode samples = samples(id);
        SensorDecoder decoder = profile.decoder();
        SoftAssertions soft = new SoftAssertions();
        int decoded = 0;
        int rejected = 0;
        for (JsonNode c : samples.get("cases")) {
            String name = id + " / " + c.get("name").asText();
            String topic = c.get("topic").asText();
            byte[] payload = c.get("payload").asText().getBytes(StandardCharsets.UTF_8);
            DecodeResult result = decoder.decode(topic, payload, RECEIVED);
            if (c.has("rejected")) {
                rejected++;
                soft.assertThat(result).as(name).isInstanceOf(Rejected.class);
                if (result instanceof Rejected r) {
                    soft.assertThat(r.reason()).as(name).contains(c.get("rejected").asText());
                }
                continue;
            }
            soft.assertThat(result).as(name).isInstanceOf(Decoded.class);
            if (!(result instanceof Decoded d)) {
                soft.fail(name + ": " + result);
                continue;
            }
            decoded++;
            Instant at = c.has("observed_at") ? Instant.parse(c.get("observed_at").asText()) : RECEIVED;
            List<String> expected = new ArrayList<>();
            for (JsonNode r : c.get("readings")) {
                expected.add(r.get("metric").asText());
            }
            soft.assertThat(d.readings()).as(name).extracting(Reading::metric).containsExactlyElementsOf(expected);
            for (int i = 0; i < Math.min(expected.size(), d.readings().size()); i++) {
                JsonNode want = c.get("readings").get(i);
                Reading got = d.readings().get(i);
                soft.assertThat(got.value()).as(name + " " + got.metric()).isCloseTo(want.get("value").asDouble(), within(1e-9));
                soft.assertThat(got.unit()).as(name + " " + got.metric() + " unit")
                        .isEqualTo(want.has("unit") ? want.get("unit").asText() : null);
                soft.assertThat(got.label()).as(name + " " + got.metric() + " label")
                        .isEqualTo(want.has("label") ? want.get("label").asText() : null);
                soft.assertThat(got.observedAt()).as(name + " time").isEqualTo(at);
            }
        }
        soft.assertThat(decoded).as(id + ": decoded samples").isGreaterThanOrEqualTo(2);
        soft.assertThat(rejected).as(id + ": rejected samples").isGreaterThanOrEqualTo(3);
        int availability = 0;
        for (JsonNode a : samples.path("availability")) {
            availability++;
            Boolean want = a.get("online").isNull() ? null : a.get("online").asBoolean();
            soft.assertThat(profile.decodeAvailability(a.get("topic").asText(),
                            a.get("payload").asText().getBytes(StandardCharsets.UTF_8)).orElse(null))
                    .as(id + " availability " + a.get("payload")).isEqualTo(want);
        }
        if (profile.availability() != null) {
            soft.assertThat(availability).as(id + ": availability samples").isGreaterThanOrEqualTo(3);
        }
        soft.assertAll();
    }

    private static JsonNode samples(String id) throws IOException {
        try (InputStream in = ShippedSensorSamplesTest.class.getResourceAsStream("/samples/" + id + ".yaml")) {
            assertThat(in).as("src/test/resources/samples/" + id + ".yaml must exist").isNotNull();
            return new YAMLMapper().readTree(in);
        }
    }
}
