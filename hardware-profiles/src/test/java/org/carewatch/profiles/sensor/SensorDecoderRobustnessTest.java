package org.carewatch.profiles.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.carewatch.profiles.sensor.DecodeResult.Decoded;
import org.carewatch.profiles.sensor.DecodeResult.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile input never escapes the decoder as an exception; it becomes a clear rejection. */
class SensorDecoderRobustnessTest {

    static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");

    @Test
    void randomBytesOnEveryProfileAreDecodedOrRejectedNeverThrown() {
        Random random = new Random(20250301);
        for (SensorProfile p : ProfileCatalog.builtIn().sensors()) {
            SensorDecoder decoder = p.decoder();
            String topic = p.topicFilters("dev-1").get(0);
            for (int i = 0; i < 300; i++) {
                byte[] payload = new byte[random.nextInt(64)];
                random.nextBytes(payload);
                DecodeResult r = decoder.decode(topic, payload, NOW);
                assertThat(r).isNotNull();
                if (r instanceof Rejected rej) {
                    assertThat(rej.reason()).isNotBlank().doesNotContain("\n").doesNotContainPattern("\\p{Cntrl}");
                }
            }
        }
    }

    @Test
    void mutatedValidPayloadsNeverThrow() {
        Random random = new Random(7);
        SensorProfile p = ProfileCatalog.builtIn().sensor("shelly-gen2-plug").orElseThrow();
        byte[] valid = ("{\"method\":\"NotifyStatus\",\"params\":{\"ts\":1740815970.1,\"switch:0\":{\"id\":0,\"output\":true,"
                + "\"apower\":83.4,\"voltage\":229.6,\"current\":0.4,\"aenergy\":{\"total\":12.5}}}}").getBytes(StandardCharsets.UTF_8);
        int decoded = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] m = valid.clone();
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            }
            DecodeResult r = p.decoder().decode("plug/events/rpc", m, NOW);
            if (r instanceof Decoded) {
                decoded++;
            }
        }
        assertThat(decoded).isPositive();
    }

    @Test
    void oversizedPayloadsAreRejectedBeforeParsing() {
        SensorProfile p = ProfileCatalog.builtIn().sensor("generic-json").orElseThrow();
        byte[] big = ("{\"co2\":500,\"pad\":\"" + "x".repeat(SensorProfile.DEFAULT_MAX_PAYLOAD_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(p.decoder().decode("carewatch/d/state", big, NOW)).isInstanceOfSatisfying(Rejected.class,
                r -> {
                    assertThat(r.kind()).isEqualTo(DecodeProblem.OVERSIZED);
                    assertThat(r.reason()).startsWith("oversized: ").contains("limit 65536");
                });
    }

    /** The kind is decided where the problem is found; a payload quoting the words of another kind cannot change it. */
    @Test
    void everyRejectionNamesItsKind() {
        SensorDecoder d = ProfileCatalog.builtIn().sensor("z2m-air-quality").orElseThrow().decoder();
        assertThat(d.decode("zigbee2mqtt/room", "{\"co2\":50000}".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOfSatisfying(Rejected.class, r -> {
                    assertThat(r.kind()).isEqualTo(DecodeProblem.OUT_OF_RANGE);
                    assertThat(r.reason()).contains("outside the physical range");
                });
        assertThat(d.decode("zigbee2mqtt/room", "{\"air_quality\":\"is outside the physical range 0..1\"}".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOfSatisfying(Rejected.class, r -> {
                    assertThat(r.reason()).startsWith("metric 'air_quality' at /air_quality: unknown value").contains("outside the physical range");
                    assertThat(r.kind()).isEqualTo(DecodeProblem.MALFORMED);
                });
        assertThat(d.decode("zigbee2mqtt/room", "{\"co2\":".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(DecodeProblem.MALFORMED));
        assertThat(d.decode("zigbee2mqtt/room", "{\"co2\":800,\"last_seen\":\"oversized\"}".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(DecodeProblem.MALFORMED));
        assertThat(d.decode("zigbee2mqtt/room", "{\"voc\":1}".repeat(10_000).getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(DecodeProblem.OVERSIZED));
    }

    @Test
    void nullsAndInvalidUtf8() {
        SensorDecoder d = ProfileCatalog.builtIn().sensor("z2m-smoke").orElseThrow().decoder();
        assertThat(d.decode(null, "{}".getBytes(), NOW)).isInstanceOf(Rejected.class);
        assertThat(d.decode("zigbee2mqtt/x", null, NOW)).isEqualTo(new Rejected(DecodeProblem.MALFORMED, "empty payload"));
        assertThat(d.decode("zigbee2mqtt/x", "{\"smoke\":true}".getBytes(), null)).isInstanceOf(Rejected.class);
        byte[] badUtf8 = {'{', '"', 's', 'm', 'o', 'k', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(d.decode("zigbee2mqtt/x", badUtf8, NOW)).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).startsWith("malformed JSON"));
        assertThat(d.decode("zigbee2mqtt/x", "{\"smoke\":true}".getBytes(), NOW))
                .isEqualTo(new Decoded(java.util.List.of(new Reading("smoke", 1.0, null, NOW, null))));
    }

    @Test
    void textPayloadProfilesWithScaling(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sensors"));
        Files.writeString(dir.resolve("sensors/raw-co2.yaml"), """
                id: raw-co2
                name: Raw CO2 probe
                name_zh: 二氧化碳探头
                vendor: Lab
                topics: ["lab/{device}/co2"]
                format: text
                max_payload_bytes: 32
                metrics:
                  - {name: co2, path: "", unit: ppm, scale: 10, offset: 5, min: 0, max: 40000}
                report_interval: 1m
                offline_after: 3m
                alert_rules:
                  - {id: co2-rising, metric: co2, condition: rate, threshold: 500, window: 10m, severity: warning}
                  - {id: silent, metric: co2, condition: no-data, for: 30m, severity: minor}
                """);
        SensorProfile p = ProfileCatalog.load(dir).sensor("raw-co2").orElseThrow();
        SensorDecoder d = p.decoder();
        assertThat(d.decode("lab/p1/co2", " 81.5\n".getBytes(), NOW))
                .isEqualTo(new Decoded(java.util.List.of(new Reading("co2", 820.0, "ppm", NOW, null))));
        assertThat(d.decode("lab/p1/co2", "high".getBytes(), NOW)).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("metric 'co2' at (payload): expected a number, got \"high\""));
        assertThat(d.decode("lab/p1/co2", new byte[] {(byte) 0xff, (byte) 0xfe}, NOW))
                .isEqualTo(new Rejected(DecodeProblem.MALFORMED, "payload is not valid UTF-8 text"));
        assertThat(d.decode("lab/p1/co2", "1".repeat(33).getBytes(), NOW)).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).startsWith("oversized"));
        assertThat(d.decode("lab/p1/co2", "9999".getBytes(), NOW)).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r).extracting(Rejected::kind, Rejected::reason)
                        .containsExactly(DecodeProblem.OUT_OF_RANGE, "metric 'co2' at (payload): value 99995.0 ppm is outside the physical range 0.0..40000.0"));
        assertThat(p.alertRules()).extracting(AlertRule::condition).containsExactly(AlertCondition.RATE, AlertCondition.NO_DATA);
        assertThat(p.alertRules().get(0).window()).hasMinutes(10);
        assertThat(p.availability()).isNull();
        assertThat(p.decodeAvailability("lab/p1/co2", "online".getBytes())).isEmpty();
    }

    @Test
    void shippedDefaultRulesCarryTheIssueExamples() {
        ProfileCatalog c = ProfileCatalog.builtIn();
        assertThat(c.sensor("z2m-air-quality").orElseThrow().alertRules())
                .filteredOn(r -> r.metric().equals("co2"))
                .extracting(r -> r.threshold() + " " + r.severity() + " " + r.forDuration())
                .containsExactly("1000.0 WARNING PT10M", "1500.0 CRITICAL PT10M");
        assertThat(c.sensor("z2m-smoke").orElseThrow().alertRules().get(0)).satisfies(r -> {
            assertThat(r.condition()).isEqualTo(AlertCondition.BOOLEAN_TRUE);
            assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(r.forDuration()).isZero();
        });
        assertThat(c.sensor("z2m-temperature-humidity").orElseThrow().alertRules().get(0)).satisfies(r -> {
            assertThat(r.placement()).isEqualTo("fridge");
            assertThat(r.threshold()).isEqualTo(8.0);
            assertThat(r.forDuration()).hasMinutes(15);
        });
    }
}
