package org.carewatch.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.carewatch.core.readings.RejectKind;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.junit.jupiter.api.Test;

/** Device clocks are not trusted: future stamps become the arrival time (counted), stamps before the retention are rejected. */
class DeviceClockTest {
    static final Instant ARRIVED = Instant.parse("2026-06-01T10:00:00Z");
    final TopicRouter router = TopicRouter.build(List.of(new Sensor(1, 7, "fridge", "z2m-temperature-humidity", "A1.fridge", "", true, 0,
            ARRIVED, ARRIVED)), ProfileCatalog.builtIn()::sensor);
    final MessageProcessor processor = new MessageProcessor(1024, Duration.ofMinutes(2), Duration.ofDays(400));

    MessageProcessor.Outcome at(Instant stamped) {
        String payload = "{\"temperature\":4.5,\"last_seen\":\"" + stamped + "\"}";
        return processor.process(new InboundMessage("zigbee2mqtt/A1.fridge", payload.getBytes(StandardCharsets.UTF_8), 1, 1, 0, ARRIVED, 0, null),
                router);
    }

    static Instant time(MessageProcessor.Outcome o) {
        return ((MessageProcessor.Readings) o).readings().get(0).time();
    }

    @Test
    void withinTheSkewTheDevicesTimeIsKept() {
        assertThat(time(at(ARRIVED.minusSeconds(30)))).isEqualTo(ARRIVED.minusSeconds(30));
        assertThat(time(at(ARRIVED.plusSeconds(119)))).isEqualTo(ARRIVED.plusSeconds(119));
        assertThat(time(at(ARRIVED.minus(Duration.ofDays(399))))).isEqualTo(ARRIVED.minus(Duration.ofDays(399)));
        assertThat(processor.timestampsRejected()).isZero();
    }

    @Test
    void aFutureStampBecomesTheArrivalTimeAndIsCounted() {
        assertThat(time(at(ARRIVED.plus(Duration.ofMinutes(10))))).isEqualTo(ARRIVED);
        assertThat(time(at(ARRIVED.plus(Duration.ofDays(3650))))).isEqualTo(ARRIVED);
        assertThat(processor.timestampsRejected()).isEqualTo(2);
    }

    @Test
    void aStampBeforeTheRetentionIsRejectedAsStale() {
        var o = at(ARRIVED.minus(Duration.ofDays(401)));
        assertThat(o).isInstanceOfSatisfying(MessageProcessor.Rejected.class, r -> {
            assertThat(r.message().kind()).isEqualTo(RejectKind.STALE);
            assertThat(r.sensorOrNull().id()).isEqualTo(1);
        });
        assertThat(processor.timestampsRejected()).isZero();
    }
}
