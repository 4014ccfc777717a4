package org.carewatch.ui.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.ext.web.RoutingContext;
import java.util.stream.Collectors;

/** JSON in and out of handlers, with request problems turned into 400 answers that name the field. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule()
                    // Opening hours read as "07:30", not "07:30:00".
                    .addSerializer(java.time.LocalTime.class, new com.fasterxml.jackson.datatype.jsr310.ser.LocalTimeSerializer(
                            java.time.format.DateTimeFormatter.ofPattern("HH:mm"))))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
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
        try {
            T value = MAPPER.readValue(buf.getBytes(), type);
            if (value == null) {
                throw ApiError.badRequest("invalid_json", "request body must be a JSON object", null);
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiError.badRequest("invalid_field", "unknown field '" + e.getPropertyName() + "'", path(e));
        } catch (JsonMappingException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw ApiError.badRequest("invalid_json", "request body must be a JSON object", null);
            }
            Throwable cause = e.getCause();
            if (cause instanceof org.carewatch.core.errors.InvalidInputException invalid) {
                throw invalid;
            }
            String why = cause instanceof IllegalArgumentException && cause.getMessage() != null ? cause.getMessage() : "has the wrong type or format";
            throw ApiError.badRequest("invalid_field", "field '" + field + "': " + why, field);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("invalid_json", "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr(), null);
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("invalid_json", "unreadable body", null);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
