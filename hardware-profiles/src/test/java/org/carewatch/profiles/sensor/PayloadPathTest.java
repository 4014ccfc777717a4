package org.carewatch.profiles.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PayloadPathTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode at(String path, String json) throws Exception {
        return PayloadPath.parse(path).orElseThrow().find(MAPPER.readTree(json));
    }

    @Test
    void keysWithColonsAndEscapes() throws Exception {
        assertThat(at("/params/temperature:0/tC", "{\"params\":{\"temperature:0\":{\"tC\":21.5}}}").asDouble()).isEqualTo(21.5);
        assertThat(at("/a~1b/c~0d", "{\"a/b\":{\"c~d\":7}}").asInt()).isEqualTo(7);
    }

    @Test
    void wildcardTakesTheFirstMemberThatHasTheRest() throws Exception {
        String tasmota = "{\"Time\":\"x\",\"ENERGY\":{\"Power\":3},\"SHT3X\":{\"Temperature\":20.1},\"DS18B20\":{\"Temperature\":4.0}}";
        assertThat(at("/*/Temperature", tasmota).asDouble()).isEqualTo(20.1);
        assertThat(at("/*/Humidity", tasmota).isMissingNode()).isTrue();
        assertThat(at("/list/*/v", "{\"list\":[{\"w\":1},{\"v\":2}]}").asInt()).isEqualTo(2);
    }

    @Test
    void arrayIndexesAndTheWholeDocument() throws Exception {
        assertThat(at("/a/1", "{\"a\":[10,20]}").asInt()).isEqualTo(20);
        assertThat(at("/a/01", "{\"a\":[10,20]}").isMissingNode()).isTrue();
        assertThat(at("/a/9", "{\"a\":[10,20]}").isMissingNode()).isTrue();
        assertThat(at("", "\"ON\"").asText()).isEqualTo("ON");
        assertThat(at("/a/b", "{\"a\":5}").isMissingNode()).isTrue();
    }

    @Test
    void invalidPaths() {
        assertThat(PayloadPath.problem("temperature")).get().asString().contains("starting with '/'");
        assertThat(PayloadPath.problem("/a~2")).get().asString().contains("'~' must be followed by 0 or 1");
        assertThat(PayloadPath.parse("/a~")).isEmpty();
    }
}
