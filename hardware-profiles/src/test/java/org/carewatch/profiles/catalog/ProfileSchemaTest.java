package org.carewatch.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON Schemas in schemas/ document the format; the loader validates in code. This keeps the two in
 * step: every shipped file satisfies its schema, and every field the schema names is known to the loader.
 * The schema check below covers the keywords the schema files use (type, properties, required,
 * additionalProperties, items, minItems, enum, pattern, minimum, maximum, $ref, oneOf).
 */
class ProfileSchemaTest {

    static final Path MODULE = ShippedCatalogTest.MODULE_DIR;
    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void everyShippedFileSatisfiesItsSchema() throws IOException {
        for (String kind : new String[] {"cameras", "sensors"}) {
            JsonNode schema = JSON.readTree(MODULE.resolve("schemas/" + kind.replace("cameras", "camera").replace("sensors", "sensor")
                    + "-profile.schema.json").toFile());
            try (Stream<Path> files = Files.list(MODULE.resolve(kind))) {
                for (Path f : files.toList()) {
                    List<String> problems = new ArrayList<>();
                    validate(schema, schema, YAML.readTree(f.toFile()), "", problems);
                    assertThat(problems).as(kind + "/" + f.getFileName()).isEmpty();
                }
            }
        }
    }

    @Test
    void theSchemaCheckCatchesWhatTheLoaderCatches() throws IOException {
        JsonNode schema = JSON.readTree(MODULE.resolve("schemas/sensor-profile.schema.json").toFile());
        ObjectNode doc = (ObjectNode) YAML.readTree(MODULE.resolve("sensors/z2m-smoke.yaml").toFile());
        ((ObjectNode) doc.get("metrics").get(0)).put("scael", 2);
        doc.put("severity", "urgent");
        List<String> problems = new ArrayList<>();
        validate(schema, schema, doc, "", problems);
        assertThat(problems).containsExactlyInAnyOrder("/metrics/0/scael: not allowed", "/severity: not allowed");
    }

    /** Where the schema describes an object, which shipped file has one, and where it is. */
    record Place(String schema, String schemaPointer, String file, String docPointer) {
    }

    @Test
    void everySchemaFieldIsKnownToTheLoader(@TempDir Path dir) throws IOException {
        List<Place> places = List.of(
                new Place("camera", "", "cameras/hikvision.yaml", ""),
                new Place("camera", "/properties/rtsp", "cameras/hikvision.yaml", "/rtsp"),
                new Place("camera", "/properties/snapshot", "cameras/hikvision.yaml", "/snapshot"),
                new Place("sensor", "", "sensors/shelly-gen2-ht.yaml", ""),
                new Place("sensor", "/properties/timestamp", "sensors/shelly-gen2-ht.yaml", "/timestamp"),
                new Place("sensor", "/properties/metrics/items", "sensors/shelly-gen2-ht.yaml", "/metrics/0"),
                new Place("sensor", "/$defs/condition", "sensors/shelly-gen2-ht.yaml", "/ignore_if/0"),
                new Place("sensor", "/properties/availability", "sensors/shelly-gen2-ht.yaml", "/availability"),
                new Place("sensor", "/properties/alert_rules/items", "sensors/shelly-gen2-ht.yaml", "/alert_rules/0"));
        for (Place place : places) {
            JsonNode schema = JSON.readTree(MODULE.resolve("schemas/" + place.schema() + "-profile.schema.json").toFile());
            for (Iterator<String> names = schema.at(place.schemaPointer() + "/properties").fieldNames(); names.hasNext(); ) {
                String field = names.next();
                Path copy = dir.resolve(place.file());
                Files.createDirectories(copy.getParent());
                ObjectNode doc = (ObjectNode) YAML.readTree(MODULE.resolve(place.file()).toFile());
                // A value no field accepts, so the loader has to say something about the field.
                ((ObjectNode) doc.at(place.docPointer())).set(field, JSON.readTree("[[{\"x\":1}]]"));
                Files.writeString(copy, YAML.writeValueAsString(doc));
                CheckReport report = CatalogCheck.check(dir);
                Files.delete(copy);
                String fieldPath = (place.docPointer().isEmpty() ? "" : place.docPointer().substring(1)
                        .replaceAll("/(\\d+)", "[$1]").replace('/', '.') + ".") + field;
                assertThat(report.errors()).as(place + " " + field)
                        .noneMatch(e -> e.message().startsWith("unknown field"))
                        .anyMatch(e -> fieldPath.equals(e.field()) || e.field() == null || e.field().startsWith(fieldPath));
            }
        }
    }

    static void validate(JsonNode root, JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema.has("$ref")) {
            validate(root, root.at(schema.get("$ref").asText().substring(1)), value, at, problems);
        }
        if (schema.has("oneOf")) {
            int matches = 0;
            for (JsonNode option : schema.get("oneOf")) {
                List<String> p = new ArrayList<>();
                validate(root, option, value, at, p);
                matches += p.isEmpty() ? 1 : 0;
            }
            if (matches != 1) {
                problems.add(at + ": matches " + matches + " of oneOf");
            }
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                problems.add(at + ": not one of " + schema.get("enum"));
            }
        }
        if (schema.has("type") && !typeMatches(schema.get("type").asText(), value)) {
            problems.add(at + ": not " + schema.get("type").asText());
            return;
        }
        // JSON Schema patterns are unanchored searches.
        if (schema.has("pattern") && value.isTextual()
                && !java.util.regex.Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            problems.add(at + ": does not match " + schema.get("pattern").asText());
        }
        if (schema.has("minimum") && value.isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
            problems.add(at + ": below minimum");
        }
        if (schema.has("maximum") && value.isNumber() && value.asDouble() > schema.get("maximum").asDouble()) {
            problems.add(at + ": above maximum");
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                problems.add(at + ": too few items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    validate(root, schema.get("items"), value.get(i), at + "/" + i, problems);
                }
            }
        }
        if (value.isObject()) {
            for (JsonNode r : schema.path("required")) {
                if (!value.has(r.asText())) {
                    problems.add(at + "/" + r.asText() + ": required");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode property = schema.path("properties").get(e.getKey());
                JsonNode additional = schema.get("additionalProperties");
                if (property != null) {
                    validate(root, property, e.getValue(), at + "/" + e.getKey(), problems);
                } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                    problems.add(at + "/" + e.getKey() + ": not allowed");
                } else if (additional != null && additional.isObject()) {
                    validate(root, additional, e.getValue(), at + "/" + e.getKey(), problems);
                }
            }
        }
    }

    private static boolean typeMatches(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "number" -> v.isNumber();
            case "integer" -> v.isIntegralNumber();
            case "boolean" -> v.isBoolean();
            default -> false;
        };
    }
}
