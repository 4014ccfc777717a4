package org.carewatch.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.carewatch.core.readings.RejectKind;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.carewatch.profiles.sensor.DecodeProblem;
import org.junit.jupiter.api.Test;

/** Topic routing, message outcomes and online/offline transitions, without broker or database. */
class RoutingAndStateTest {
    static final Instant T = Instant.parse("2026-01-05T08:00:00Z");

    static Sensor sensor(long id, String profile, String key) {
        return new Sensor(id, 7, "s" + id, profile, key, "", true, 0, T, T);
    }

    static InboundMessage msg(String topic, String payload) {
        return new InboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, 1, 0, T, 0, null);
    }

    final TopicRouter router = TopicRouter.build(List.of(sensor(1, "z2m-smoke", "kitchen"), sensor(2, "tasmota-sensor", "hall"),
            sensor(3, "no-such-profile", "x"), sensor(4, "z2m-door-contact", "kitchen")), ProfileCatalog.builtIn()::sensor);
    final MessageProcessor processor = new MessageProcessor(1024);

    @Test
    void routesTopicsToSensorsAndSubscribesPerProfile() {
        assertThat(router.route("zigbee2mqtt/kitchen").orElseThrow().sensor().id()).isEqualTo(1); // first registration wins
        assertThat(router.route("zigbee2mqtt/kitchen/availability").orElseThrow().availability()).isTrue();
        assertThat(router.route("tele/hall/SENSOR").orElseThrow().sensor().id()).isEqualTo(2);
        assertThat(router.route("tele/hall/LWT").orElseThrow().availability()).isTrue();
        assertThat(router.route("zigbee2mqtt/x")).isEmpty();
        assertThat(router.filters()).contains("zigbee2mqtt/+", "zigbee2mqtt/+/availability", "tele/+/SENSOR", "tele/+/LWT");
        assertThat(router.sensors()).extracting(t -> t.sensor().id()).containsExactly(1L, 2L, 4L);
    }

    @Test
    void classifiesEveryOutcome() {
        var ok = processor.process(msg("zigbee2mqtt/kitchen", "{\"smoke\":true,\"battery\":90}"), router);
        assertThat(ok).isInstanceOfSatisfying(MessageProcessor.Readings.class, r -> {
            assertThat(r.readings()).extracting(x -> x.metric()).containsExactly("smoke", "battery");
            assertThat(r.readings().get(0).value()).isEqualTo(1.0);
            // What the rules need travels with each reading: no lookup after the router.
            assertThat(r.readings()).allSatisfy(x -> {
                assertThat(x.sensorId()).isEqualTo(1);
                assertThat(x.centreId()).isEqualTo(7);
                assertThat(x.profileId()).isEqualTo("z2m-smoke");
            });
        });
        assertThat(processor.process(msg("tele/hall/SENSOR", "{\"AM2301\":{\"Temperature\":21.5}}"), router))
                .isInstanceOfSatisfying(MessageProcessor.Readings.class, r -> assertThat(r.readings())
                        .extracting(x -> x.sensorId() + " " + x.profileId()).containsOnly("2 tasmota-sensor"));
        assertThat(kind(processor.process(msg("zigbee2mqtt/kitchen", "{\"smoke\":"), router))).isEqualTo(RejectKind.MALFORMED);
        assertThat(kind(processor.process(msg("zigbee2mqtt/kitchen", "{\"battery\":250}"), router))).isEqualTo(RejectKind.OUT_OF_RANGE);
        assertThat(kind(processor.process(msg("zigbee2mqtt/nobody", "{}"), router))).isEqualTo(RejectKind.UNKNOWN_TOPIC);
        assertThat(kind(processor.process(msg("zigbee2mqtt/kitchen", "x".repeat(2000)), router))).isEqualTo(RejectKind.OVERSIZED);
        assertThat(kind(processor.process(msg("tele/hall/SENSOR", "{\"AM2301\":{\"Temperature\":70},\"TempUnit\":\"F\"}"), router)))
                .isEqualTo(RejectKind.MALFORMED);
        assertThat(processor.process(msg("tele/hall/LWT", "Offline"), router))
                .isInstanceOfSatisfying(MessageProcessor.Availability.class, a -> assertThat(a.online()).isFalse());
        assertThat(kind(processor.process(msg("tele/hall/LWT", "Maybe"), router))).isEqualTo(RejectKind.MALFORMED);
        // The kind comes from the decoder, not from the words of its reason: a device quoting them changes nothing.
        var quoting = processor.process(msg("zigbee2mqtt/kitchen", "{\"smoke\":\"outside the physical range\"}"), router);
        assertThat(kind(quoting)).isEqualTo(RejectKind.MALFORMED);
        assertThat(((MessageProcessor.Rejected) quoting).message().reason()).contains("outside the physical range");
    }

    @Test
    void everyDecoderProblemHasItsRejectKind() {
        // Stored in rejected_messages.kind and used as the metric tag: these codes must not change.
        assertThat(java.util.Arrays.stream(DecodeProblem.values()).map(p -> MessageProcessor.kindOf(p).code()))
                .containsExactly("malformed", "out_of_range", "oversized");
    }

    @Test
    void emitsOnlyChangesAndDetectsSilencePerProfile() {
        Sensor smoke = sensor(1, "z2m-smoke", "kitchen");
        Sensor hall = sensor(2, "tasmota-sensor", "hall");
        DeviceStatusTracker t = new DeviceStatusTracker(Map.of(2L, false), T);
        assertThat(t.seen(smoke, T)).isEmpty(); // first sight without history: no change known
        assertThat(t.seen(hall, T).orElseThrow().online()).isTrue(); // was offline: back online
        assertThat(t.seen(hall, T.plusSeconds(1))).isEmpty();
        // tasmota-sensor goes offline after 15 minutes of silence, z2m-smoke after 25 hours.
        assertThat(t.silent(router.sensors(), T.plus(Duration.ofMinutes(14)))).isEmpty();
        var events = t.silent(router.sensors(), T.plus(Duration.ofMinutes(16)));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.sensorId()).isEqualTo(2);
            assertThat(e.online()).isFalse();
        });
        assertThat(t.silent(router.sensors(), T.plus(Duration.ofMinutes(30)))).isEmpty(); // already offline
        assertThat(t.silent(router.sensors(), T.plus(Duration.ofHours(26)))).extracting(e -> e.sensorId()).containsExactly(1L, 4L);
        assertThat(t.availability(hall, true, T.plus(Duration.ofHours(27))).orElseThrow().online()).isTrue();
    }

    private static RejectKind kind(MessageProcessor.Outcome o) {
        assertThat(o).isInstanceOf(MessageProcessor.Rejected.class);
        return ((MessageProcessor.Rejected) o).message().kind();
    }
}
