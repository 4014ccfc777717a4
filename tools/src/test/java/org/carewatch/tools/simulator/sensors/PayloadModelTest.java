package org.carewatch.tools.simulator.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.carewatch.profiles.sensor.DecodeResult;
import org.carewatch.profiles.sensor.Reading;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every simulated payload decodes with its shipped profile, with the observation time it was made for. */
class PayloadModelTest {

    static List<String> profiles() {
        return new ArrayList<>(PayloadModel.supportedProfiles());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void payloadsDecodeThroughoutTheDay(String profileId) {
        var profile = ProfileCatalog.builtIn().sensor(profileId).orElseThrow();
        SimulatedDevice dev = new SimulatedDevice(profileId, "room-fridge-1", 7);
        Instant t = Instant.parse("2026-01-05T00:00:00Z");
        for (int i = 0; i < 2000; i++) {
            var m = dev.next(t.plus(Duration.ofMinutes(i * 7L)));
            DecodeResult r = profile.decoder().decode(m.topic(), m.payload().getBytes(StandardCharsets.UTF_8), Instant.now());
            assertThat(r).as(m.payload()).isInstanceOf(DecodeResult.Decoded.class);
            List<Reading> readings = ((DecodeResult.Decoded) r).readings();
            assertThat(readings).as(m.payload()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(x -> assertThat(x.observedAt()).isEqualTo(m.observedAt()));
        }
    }

    @Test
    void temperatureFollowsTheDayAndFridgesStayCold() {
        var profile = ProfileCatalog.builtIn().sensor("z2m-temperature-humidity").orElseThrow();
        SimulatedDevice room = new SimulatedDevice("z2m-temperature-humidity", "room", 1);
        SimulatedDevice fridge = new SimulatedDevice("z2m-temperature-humidity", "milk-fridge", 1);
        double dawn = temperature(profile, room.next(Instant.parse("2026-01-05T21:00:00Z"))); // 05:00 local
        double afternoon = temperature(profile, room.next(Instant.parse("2026-01-06T07:00:00Z"))); // 15:00 local
        assertThat(afternoon - dawn).isGreaterThan(4);
        assertThat(temperature(profile, fridge.next(Instant.parse("2026-01-06T07:00:00Z")))).isBetween(1.0, 7.0);
        assertThat(readings(profile, room.next(Instant.parse("2026-01-06T07:00:00Z")))).hasSize(4);
    }

    @Test
    void observationTimesNeverRepeatPerDevice() {
        SimulatedDevice dev = new SimulatedDevice("z2m-smoke", "s", 1);
        Instant t = Instant.parse("2026-01-05T00:00:00Z");
        assertThat(dev.next(t).observedAt()).isBefore(dev.next(t).observedAt());
    }

    @Test
    void unsupportedProfileIsRefusedWithTheList() {
        assertThatThrownBy(() -> new SimulatedDevice("tasmota-plug", "p", 1)).hasMessageContaining("supported").hasMessageContaining("z2m-smoke");
    }

    private static List<Reading> readings(org.carewatch.profiles.sensor.SensorProfile p, SimulatedDevice.Message m) {
        return ((DecodeResult.Decoded) p.decoder().decode(m.topic(), m.payload().getBytes(StandardCharsets.UTF_8), Instant.now())).readings();
    }

    private static double temperature(org.carewatch.profiles.sensor.SensorProfile p, SimulatedDevice.Message m) {
        return readings(p, m).stream().filter(r -> r.metric().equals("temperature")).findFirst().orElseThrow().value();
    }
}
