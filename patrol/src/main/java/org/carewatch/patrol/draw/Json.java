package org.carewatch.patrol.draw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Small helpers to read and write the fields of draw documents, failing with the path of a bad field. */
public final class Json {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private Json() {
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    public static String time(LocalTime t) {
        return t == null ? null : t.format(HH_MM);
    }

    public static JsonNode field(JsonNode n, String name) {
        JsonNode v = n == null ? null : n.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
        return v;
    }

    public static long longField(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + name + "' must be a whole number");
        }
        return v.longValue();
    }

    public static Long optLong(JsonNode n, String name) {
        JsonNode v = field(n, name);
        return v.isNull() ? null : longField(n, name);
    }

    public static int intField(JsonNode n, String name) {
        return Math.toIntExact(longField(n, name));
    }

    public static String text(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' must be a string");
        }
        return v.textValue();
    }

    public static String optText(JsonNode n, String name) {
        JsonNode v = field(n, name);
        return v.isNull() ? null : text(n, name);
    }

    public static LocalDate date(JsonNode n, String name) {
        try {
            return LocalDate.parse(text(n, name));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("field '" + name + "' must be a date YYYY-MM-DD");
        }
    }

    public static LocalTime time(JsonNode n, String name) {
        String s = optText(n, name);
        try {
            return s == null ? null : LocalTime.parse(s, HH_MM);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("field '" + name + "' must be a time HH:mm");
        }
    }

    public static <T> List<T> list(JsonNode n, String name, Function<JsonNode, T> item) {
        JsonNode v = field(n, name);
        if (!v.isArray()) {
            throw new IllegalArgumentException("field '" + name + "' must be an array");
        }
        List<T> out = new ArrayList<>();
        for (JsonNode x : v) {
            out.add(item.apply(x));
        }
        return out;
    }

    public static ArrayNode longs(List<? extends Number> values) {
        ArrayNode a = array();
        values.forEach(x -> a.add(x.longValue()));
        return a;
    }

    public static long asLong(JsonNode x) {
        if (!x.isIntegralNumber()) {
            throw new IllegalArgumentException("expected a whole number, got " + x);
        }
        return x.longValue();
    }
}
