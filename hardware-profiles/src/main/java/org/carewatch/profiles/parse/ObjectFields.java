package org.carewatch.profiles.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the fields of one object of a profile document, recording every problem with its field path
 * instead of throwing. Call {@link #finish()} after reading: any field that was never asked for is
 * reported as unknown, so a typo in a file fails the check instead of being silently ignored.
 */
public final class ObjectFields {

    /** Ids, metric names and schedule names: lower case, digits and dashes or underscores. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();

    private ObjectFields(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** The document root; empty if the document is not an object (the problem is recorded). */
    public static Optional<ObjectFields> root(JsonNode node, Problems problems) {
        if (node == null || !node.isObject()) {
            problems.add("", "the document must be a mapping of fields, got " + Describe.node(node));
            return Optional.empty();
        }
        return Optional.of(new ObjectFields(node, "", problems));
    }

    public Problems problems() {
        return problems;
    }

    /** The path of a field of this object, e.g. {@code metrics[2].scale}. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public void problem(String key, String message) {
        problems.add(pathOf(key), message);
    }

    public boolean has(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** The raw value of a field, or null when absent or null. */
    public JsonNode raw(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    private JsonNode required(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            problem(key, "is required");
        }
        return v;
    }

    public String requiredString(String key) {
        JsonNode v = required(key);
        return v == null ? null : asString(key, v);
    }

    public String optionalString(String key) {
        JsonNode v = raw(key);
        return v == null ? null : asString(key, v);
    }

    private String asString(String key, JsonNode v) {
        if (!v.isTextual()) {
            problem(key, "must be a string, got " + Describe.node(v)
                    + (v.isBoolean() ? " (quote values like yes/no/on/off)" : ""));
            return null;
        }
        if (v.asText().isBlank()) {
            problem(key, "must not be empty");
            return null;
        }
        return v.asText();
    }

    /** A lower-case name such as an id or metric name. */
    public String requiredName(String key) {
        String s = requiredString(key);
        if (s != null && !NAME.matcher(s).matches()) {
            problem(key, "must be lower-case letters, digits, '-' or '_' starting with a letter, got " + Describe.text(s));
            return null;
        }
        return s;
    }

    public String optionalName(String key) {
        String s = optionalString(key);
        if (s != null && !NAME.matcher(s).matches()) {
            problem(key, "must be lower-case letters, digits, '-' or '_' starting with a letter, got " + Describe.text(s));
            return null;
        }
        return s;
    }

    public Double optionalNumber(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            problem(key, "must be a number, got " + Describe.node(v));
            return null;
        }
        return v.asDouble();
    }

    public Integer optionalInt(String key, int min, int max) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            problem(key, "must be a whole number, got " + Describe.node(v));
            return null;
        }
        int i = v.asInt();
        if (i < min || i > max) {
            problem(key, "must be between " + min + " and " + max + ", got " + i);
            return null;
        }
        return i;
    }

    public boolean optionalBoolean(String key, boolean defaultValue) {
        JsonNode v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            problem(key, "must be true or false, got " + Describe.node(v));
            return defaultValue;
        }
        return v.asBoolean();
    }

    public Duration optionalDuration(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.asLong() == 0) {
            return Duration.ZERO;
        }
        Optional<Duration> d = v.isTextual() ? Durations.parse(v.asText()) : Optional.empty();
        if (d.isEmpty()) {
            problem(key, "must be a duration like 90s, 10m, 2h, 1d or PT10M, got " + Describe.node(v));
            return null;
        }
        return d.get();
    }

    public Duration requiredDuration(String key) {
        if (raw(key) == null) {
            problem(key, "is required");
            return null;
        }
        return optionalDuration(key);
    }

    /** One of a fixed set of words; the message lists the allowed ones. */
    public <E> E optionalChoice(String key, Map<String, E> choices) {
        String s = optionalString(key);
        if (s == null) {
            return null;
        }
        E e = choices.get(s);
        if (e == null) {
            problem(key, "must be one of " + String.join(", ", choices.keySet()) + ", got " + Describe.text(s));
        }
        return e;
    }

    public <E> E requiredChoice(String key, Map<String, E> choices) {
        if (raw(key) == null) {
            problem(key, "is required");
            return null;
        }
        return optionalChoice(key, choices);
    }

    /** A list of non-empty strings; a single string is accepted as a list of one. */
    public List<String> optionalStringList(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (v.isTextual()) {
            return asString(key, v) == null ? List.of() : List.of(v.asText());
        }
        if (!v.isArray()) {
            problem(key, "must be a list of strings, got " + Describe.node(v));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || item.asText().isEmpty()) {
                problems.add(pathOf(key) + "[" + i + "]", "must be a non-empty string, got " + Describe.node(item)
                        + (item.isBoolean() ? " (quote values like yes/no/on/off)" : ""));
            } else {
                out.add(item.asText());
            }
        }
        return out;
    }

    public Optional<ObjectFields> optionalObject(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            problem(key, "must be a mapping of fields, got " + Describe.node(v));
            return Optional.empty();
        }
        return Optional.of(new ObjectFields(v, pathOf(key), problems));
    }

    public Optional<ObjectFields> requiredObject(String key) {
        if (raw(key) == null) {
            problem(key, "is required");
            return Optional.empty();
        }
        return optionalObject(key);
    }

    /** Reads each object of a list with {@code reader}; entries that fail to read are left out. */
    public <T> List<T> objectList(String key, boolean required, Function<ObjectFields, T> reader) {
        JsonNode v = raw(key);
        if (v == null) {
            if (required) {
                problem(key, "is required");
            }
            return List.of();
        }
        if (!v.isArray()) {
            problem(key, "must be a list, got " + Describe.node(v));
            return List.of();
        }
        if (required && v.isEmpty()) {
            problem(key, "must not be empty");
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String itemPath = pathOf(key) + "[" + i + "]";
            if (!item.isObject()) {
                problems.add(itemPath, "must be a mapping of fields, got " + Describe.node(item));
                continue;
            }
            ObjectFields fields = new ObjectFields(item, itemPath, problems);
            T t = reader.apply(fields);
            fields.finish();
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** A mapping of names to numbers, e.g. enum labels; keys keep their order. */
    public Map<String, Double> optionalNumberMap(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return Map.of();
        }
        if (!v.isObject()) {
            problem(key, "must be a mapping of labels to numbers, got " + Describe.node(v));
            return Map.of();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber() || !Double.isFinite(e.getValue().asDouble())) {
                problems.add(pathOf(key) + "." + e.getKey(), "must be a number, got " + Describe.node(e.getValue()));
            } else {
                out.put(e.getKey(), e.getValue().asDouble());
            }
        }
        return out;
    }

    /** Reports every field of this object that no reader asked for, with a spelling hint when close. */
    public void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                String hint = known.stream()
                        .filter(k -> editDistance(k, name) <= 2)
                        .findFirst()
                        .map(k -> " (did you mean '" + k + "'?)")
                        .orElse("");
                problem(name, "unknown field" + hint);
            }
        }
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
