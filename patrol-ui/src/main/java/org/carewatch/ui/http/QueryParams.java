package org.carewatch.ui.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads optional query parameters; absent or blank gives null (or the fallback), anything unreadable a 400
 * naming the parameter. Path ids are {@link PathIds}'.
 */
public final class QueryParams {
    private QueryParams() {
    }

    /** An ISO-8601 instant such as {@code 2026-01-05T08:00:00Z}. */
    public static Instant instant(RoutingContext ctx, String name) {
        String raw = raw(ctx, name);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be an ISO-8601 time such as 2026-01-05T08:00:00Z", name);
        }
    }

    public static Instant instant(RoutingContext ctx, String name, Instant fallback) {
        Instant v = instant(ctx, name);
        return v == null ? fallback : v;
    }

    /** An ISO-8601 duration such as {@code PT5M}. */
    public static Duration duration(RoutingContext ctx, String name) {
        String raw = raw(ctx, name);
        if (raw == null) {
            return null;
        }
        try {
            return Duration.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be an ISO-8601 duration such as PT5M or PT1H", name);
        }
    }

    /** A whole number. */
    public static Long longValue(RoutingContext ctx, String name) {
        String raw = raw(ctx, name);
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be a whole number", name);
        }
    }

    /** The stripped value, or null when absent or blank. */
    public static String raw(RoutingContext ctx, String name) {
        String raw = ctx.queryParams().get(name);
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
