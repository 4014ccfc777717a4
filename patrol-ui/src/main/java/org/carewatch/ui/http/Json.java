package org.carewatch.ui.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;
import org.carewatch.core.errors.InvalidInputException;

/**
 * JSON in and out of handlers. Every request body goes through {@link #read}, the one place where bodies
 * are checked at the edge: malformed JSON, a NUL character anywhere (PostgreSQL cannot store it), numbers
 * too long or out of range, fractions where a whole number is expected and values of the wrong type all
 * become a 400 naming the field, never a 500.
 */
public final class Json {
    /** Longest number accepted in a body (digits): enough for any id, port or measurement. */
    static final int MAX_NUMBER_LENGTH = 50;
    /** Deepest nesting accepted in a body: our bodies are two or three levels deep. */
    static final int MAX_NESTING = 32;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_LENGTH).maxNestingDepth(MAX_NESTING).build())
                    .build())
            .addModule(new JavaTimeModule()
                    // Opening hours read as "07:30", not "07:30:00".
                    .addSerializer(java.time.LocalTime.class, new com.fasterxml.jackson.datatype.jsr310.ser.LocalTimeSerializer(
                            java.time.format.DateTimeFormatter.ofPattern("HH:mm"))))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // centreId: 1.5 is an error, never silently 1.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private Json() {
    }

    public static void send(RoutingContext ctx, int status, Object body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    /** Reads the request body as {@code type}; 400 for missing, malformed or mistyped content. */
    public static <T> T body(RoutingContext ctx, Class<T> type) {
        var buf = ctx.body().buffer();
        if (buf == null || buf.length() == 0) {
            throw ApiError.badRequest("invalid_json", "request body is empty; send a JSON object", null);
        }
        return read(buf.getBytes(), type);
    }

    /**
     * Reads {@code bytes} as a JSON object of type {@code type}. Throws only {@link ApiError} (400) or
     * {@link InvalidInputException} (a record's own check, 400), whatever the bytes.
     */
    public static <T> T read(byte[] bytes, Class<T> type) {
        JsonNode tree = tree(bytes);
        if (tree == null || !tree.isObject()) {
            throw ApiError.badRequest("invalid_json", "request body must be a JSON object", null);
        }
        check(tree, "");
        try {
            T value = MAPPER.treeToValue(tree, type);
            if (value == null) {
                throw ApiError.badRequest("invalid_json", "request body must be a JSON object", null);
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            if (field.isBlank() || field.endsWith(".")) {
                // {"": ...}: nothing to name (found by JsonBodyFuzzTest)
                throw ApiError.badRequest("invalid_json", "a field name must not be empty", null);
            }
            throw ApiError.badRequest("invalid_field", "unknown field '" + e.getPropertyName() + "'", field);
        } catch (JsonMappingException e) {
            throw mappingProblem(e);
        } catch (JsonProcessingException e) {
            // e.g. a whole number too large for the field's type, reported by the tree's parser
            String field = e.getProcessor() instanceof JsonParser p ? path(p.getParsingContext()) : "";
            throw field.isEmpty() ? ApiError.badRequest("invalid_json", "a value has the wrong type or size", null)
                    : ApiError.badRequest("invalid_field", "field '" + field + "': number out of range", field);
        } catch (IllegalArgumentException e) {
            // treeToValue wraps some problems this way; never let one through as a 500
            Throwable cause = e.getCause();
            if (cause instanceof JsonMappingException m) {
                throw mappingProblem(m);
            }
            throw ApiError.badRequest("invalid_json", "a value has the wrong type or format", null);
        }
    }

    private static ApiError mappingProblem(JsonMappingException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof InvalidInputException invalid) {
                throw invalid;
            }
            if (c instanceof ApiError api) {
                return api;
            }
        }
        String field = path(e);
        if (field.isEmpty()) {
            return ApiError.badRequest("invalid_json", "request body must be a JSON object", null);
        }
        Throwable cause = e.getCause();
        String why;
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null && !(cause instanceof NumberFormatException)) {
            why = cause.getMessage();
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            why = expected(m);
        } else {
            why = "has the wrong type or format";
        }
        return ApiError.badRequest("invalid_field", "field '" + field + "': " + why, field);
    }

    /** What a value of the target type looks like, for the message. */
    private static String expected(MismatchedInputException e) {
        Class<?> t = e.getTargetType();
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Short.class || t == short.class) {
            return "must be a whole number";
        }
        if (t == Double.class || t == double.class || t == Float.class || t == float.class) {
            return "must be a number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "must be true or false";
        }
        if (t == String.class) {
            return "must be a string";
        }
        if (java.util.Collection.class.isAssignableFrom(t) || t.isArray()) {
            return "must be a list";
        }
        if (t == java.time.LocalTime.class) {
            return "must be a time of day such as 07:30";
        }
        if (t.isEnum()) {
            return "must be one of " + java.util.Arrays.stream(t.getEnumConstants()).map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (e instanceof InvalidFormatException) {
            return "has the wrong format";
        }
        return "has the wrong type";
    }

    /** The whole body as a tree, with syntax and size problems as 400 answers. */
    private static JsonNode tree(byte[] bytes) {
        JsonParser p = null;
        try {
            p = MAPPER.createParser(bytes);
            JsonNode tree = MAPPER.readTree(p);
            if (tree != null && !tree.isMissingNode() && p.nextToken() != null) {
                throw ApiError.badRequest("invalid_json", "unexpected content after the JSON object", null);
            }
            return tree;
        } catch (StreamConstraintsException e) {
            String field = p == null ? "" : path(p.getParsingContext());
            if (field.startsWith("[")) {
                field = ""; // inside a top-level array: no field to name
            }
            String why = e.getMessage() != null && e.getMessage().contains("nesting") ? "nested too deeply (at most " + MAX_NESTING + " levels)"
                    : "value too long (numbers at most " + MAX_NUMBER_LENGTH + " digits)";
            throw field.isEmpty() ? ApiError.badRequest("invalid_json", why, null)
                    : ApiError.badRequest("invalid_field", "field '" + field + "': " + why, field);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw ApiError.badRequest("invalid_json", loc == null ? "malformed JSON"
                    : "malformed JSON at line " + loc.getLineNr() + ", column " + loc.getColumnNr(), null);
        } catch (IOException e) {
            throw ApiError.badRequest("invalid_json", "unreadable body", null);
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // nothing held
                }
            }
        }
    }

    /**
     * Values no field can take: a NUL character in any text or name (PostgreSQL refuses 0x00 in text),
     * a whole number beyond 64 bits, a fraction too large for a double.
     */
    private static void check(JsonNode node, String at) {
        if (node.isTextual()) {
            if (node.textValue().indexOf('\0') >= 0) {
                throw invalid(at, "must not contain a NUL character");
            }
        } else if (node.isBigInteger()) {
            throw invalid(at, "number out of range");
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw invalid(at, "number out of range");
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().indexOf('\0') >= 0) {
                    throw invalid(at, "a field name must not contain a NUL character");
                }
                check(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), at + "[" + i + "]");
            }
        }
    }

    private static ApiError invalid(String field, String why) {
        return field.isEmpty() ? ApiError.badRequest("invalid_json", why, null)
                : ApiError.badRequest("invalid_field", "field '" + field + "': " + why, field);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** {@code a.b[2]} for the parser's position, empty at the top. */
    private static String path(JsonStreamContext ctx) {
        StringBuilder out = new StringBuilder();
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        parts.forEach(out::append);
        return out.length() > 0 && out.charAt(0) == '.' ? out.substring(1) : out.toString();
    }
}
