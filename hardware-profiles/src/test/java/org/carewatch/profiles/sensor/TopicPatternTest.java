package org.carewatch.profiles.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carewatch.profiles.catalog.ProfileCatalog;
import org.junit.jupiter.api.Test;

class TopicPatternTest {

    @Test
    void matchesOneLevelForTheDevice() {
        TopicPattern p = TopicPattern.of("tele/{device}/SENSOR");
        assertThat(p.match("tele/fridge/SENSOR")).contains("fridge");
        assertThat(p.match("tele/a/b/SENSOR")).isEmpty();
        assertThat(p.match("tele//SENSOR")).isEmpty();
        assertThat(p.match("tele/fridge/STATE")).isEmpty();
        assertThat(p.match(null)).isEmpty();
        assertThat(TopicPattern.of("+/{device}/x").match("any/dev/x")).contains("dev");
    }

    @Test
    void filtersForOneOrAllDevices() {
        TopicPattern p = TopicPattern.of("{device}/status/temperature:0");
        assertThat(p.filter("shellyhtg3-1")).isEqualTo("shellyhtg3-1/status/temperature:0");
        assertThat(p.filter(null)).isEqualTo("+/status/temperature:0");
        assertThatThrownBy(() -> p.filter("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.filter("#")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.filter("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidPatterns() {
        assertThat(TopicPattern.problem("zigbee2mqtt/#")).isPresent();
        assertThat(TopicPattern.problem("a/{device}/{device}")).isPresent();
        assertThat(TopicPattern.problem("a/{dev}")).isPresent();
        assertThat(TopicPattern.problem("a/x{device}")).isPresent();
        assertThat(TopicPattern.problem("a/b+/{device}")).isPresent();
    }

    @Test
    void profileFiltersIncludeAvailabilityAndMatchDevice() {
        SensorProfile shelly = ProfileCatalog.builtIn().sensor("shelly-gen2-ht").orElseThrow();
        assertThat(shelly.topicFilters("shellyhtg3-abc")).containsExactly(
                "shellyhtg3-abc/events/rpc", "shellyhtg3-abc/status/temperature:0", "shellyhtg3-abc/status/humidity:0",
                "shellyhtg3-abc/status/devicepower:0", "shellyhtg3-abc/online");
        assertThat(shelly.matchDevice("shellyhtg3-abc/online")).contains("shellyhtg3-abc");
        assertThat(shelly.matchDevice("shellyhtg3-abc/status/switch:0")).isEmpty();
        SensorProfile z2m = ProfileCatalog.builtIn().sensor("z2m-smoke").orElseThrow();
        assertThat(z2m.topicFilters(null)).containsExactly("zigbee2mqtt/+", "zigbee2mqtt/+/availability");
        assertThat(z2m.matchDevice("zigbee2mqtt/kitchen")).contains("kitchen");
    }
}
