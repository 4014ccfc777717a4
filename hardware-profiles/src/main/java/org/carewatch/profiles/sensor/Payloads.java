package org.carewatch.profiles.sensor;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;

/** Strict, bounded JSON parsing of device payloads. */
final class Payloads {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Exact decimals: epoch seconds like 1740815970.52 must give .520, not .519 through a double.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxNumberLength(100)
                .maxStringLength(64 * 1024)
                .build());
    }

    private Payloads() {
    }

    /** Parses JSON; throws JacksonException with a short message on malformed input. */
    static JsonNode parse(byte[] payload) throws JacksonException {
        try {
            return MAPPER.readTree(payload);
        } catch (JacksonException e) {
            throw e;
        } catch (NumberFormatException | ArithmeticException e) {
            // e.g. 1e99999999999999999: an exponent no BigDecimal holds (found by SensorDecoderFuzzTest)
            throw new com.fasterxml.jackson.core.JsonParseException(null, "number out of range");
        } catch (java.io.IOException e) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, e.getMessage());
        }
    }

    static Optional<String> textAt(String json, PayloadPath path) {
        try {
            return scalarText(path.find(MAPPER.readTree(json)));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** The text of a scalar value ("ON", "21.5", "true"), empty for objects, lists, null and missing. */
    static Optional<String> scalarText(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(node.isNumber() ? node.numberValue().toString() : node.asText());
    }
}
