package org.carewatch.ui.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads optional query parameters; absent or blank gives null (or the fallback), anything unreadable or
 * out of its range a 400 naming the parameter and saying what is allowed (never silently clamped). Path
 * ids are {@link PathIds}'. {@link #guard()} checks every request's query string and path once, at the edge.
 */
public final class QueryParams {
    /** Earliest instant accepted: what PostgreSQL and java.time both hold, written with a 4-digit year. */
    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest instant accepted. */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private QueryParams() {
    }

    /**
     * The edge check of every request: a query string that does not decode (bad percent-encoding) and a NUL
     * character in any query parameter or in the path (PostgreSQL refuses 0x00 in text) are a 400 naming
     * the parameter, before any route sees them.
     */
    public static Handler<RoutingContext> guard() {
        return ctx -> {
            check(ctx);
            ctx.next();
        };
    }

    static void check(RoutingContext ctx) {
        String uri = ctx.request().uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        if (rawPath.indexOf('\0') >= 0 || rawPath.toLowerCase(Locale.ROOT).contains("%00")) {
            throw ApiError.badRequest("invalid_field", "the path must not contain a NUL character", "path");
        }
        MultiMap params;
        try {
            params = ctx.queryParams();
        } catch (RuntimeException e) {
            throw ApiError.badRequest("invalid_request", "the query string is not valid percent-encoded UTF-8", null);
        }
        checkParams(params);
    }

    /** NUL characters in names or values. */
    static void checkParams(MultiMap params) {
        for (var e : params) {
            if (e.getKey().indexOf('\0') >= 0) {
                throw ApiError.badRequest("invalid_request", "a query parameter name must not contain a NUL character", null);
            }
            if (e.getValue() != null && e.getValue().indexOf('\0') >= 0) {
                throw ApiError.badRequest("invalid_field", "query parameter '" + e.getKey() + "' must not contain a NUL character", e.getKey());
            }
        }
    }

    /** An ISO-8601 instant such as {@code 2026-01-05T08:00:00Z}, in years 0001 to 9999. */
    public static Instant instant(RoutingContext ctx, String name) {
        return instant(raw(ctx, name), name);
    }

    public static Instant instant(RoutingContext ctx, String name, Instant fallback) {
        Instant v = instant(ctx, name);
        return v == null ? fallback : v;
    }

    static Instant instant(String raw, String name) {
        if (raw == null) {
            return null;
        }
        Instant v;
        try {
            v = Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be an ISO-8601 time such as 2026-01-05T08:00:00Z", name);
        }
        if (v.isBefore(MIN_INSTANT) || v.isAfter(MAX_INSTANT)) {
            throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z", name);
        }
        return v;
    }

    /** A positive ISO-8601 duration such as {@code PT5M}. */
    public static Duration duration(RoutingContext ctx, String name) {
        return duration(raw(ctx, name), name);
    }

    static Duration duration(String raw, String name) {
        if (raw == null) {
            return null;
        }
        Duration d;
        try {
            d = Duration.parse(raw);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be an ISO-8601 duration such as PT5M or PT1H", name);
        }
        if (d.isNegative() || d.isZero()) {
            throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be a positive ISO-8601 duration such as PT5M or PT1H", name);
        }
        return d;
    }

    /** A whole number (any 64-bit value). */
    public static Long longValue(RoutingContext ctx, String name) {
        return longValue(raw(ctx, name), name, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A whole number in {@code [min, max]}, or null when absent. */
    public static Long longValue(RoutingContext ctx, String name, long min, long max) {
        return longValue(raw(ctx, name), name, min, max);
    }

    static Long longValue(String raw, String name, long min, long max) {
        if (raw == null) {
            return null;
        }
        long v;
        try {
            v = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw outOfRange(name, min, max);
        }
        if (v < min || v > max) {
            throw outOfRange(name, min, max);
        }
        return v;
    }

    /** A whole number in {@code [min, max]}, or {@code fallback} when absent: e.g. {@code limit}, {@code offset}. */
    public static int intValue(RoutingContext ctx, String name, int fallback, int min, int max) {
        Long v = longValue(raw(ctx, name), name, min, max);
        return v == null ? fallback : v.intValue();
    }

    /** A positive id (1 and up), or null when absent. */
    public static Long id(RoutingContext ctx, String name) {
        return longValue(raw(ctx, name), name, 1, Long.MAX_VALUE);
    }

    /** One of an enum's constants, written in lower case with '-' or '_' ({@code in-progress}); null when absent. */
    public static <E extends Enum<E>> E enumValue(RoutingContext ctx, String name, Class<E> type) {
        return enumValue(raw(ctx, name), name, type);
    }

    static <E extends Enum<E>> E enumValue(String raw, String name, Class<E> type) {
        if (raw == null) {
            return null;
        }
        String wanted = raw.toUpperCase(Locale.ROOT).replace('-', '_');
        for (E c : type.getEnumConstants()) {
            if (c.name().equals(wanted)) {
                return c;
            }
        }
        String allowed = java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
        throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be one of " + allowed, name);
    }

    /** A text of at most {@code maxLength} characters, or null when absent. */
    public static String text(RoutingContext ctx, String name, int maxLength) {
        return text(raw(ctx, name), name, maxLength);
    }

    static String text(String raw, String name, int maxLength) {
        if (raw != null && raw.length() > maxLength) {
            throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be at most " + maxLength + " characters", name);
        }
        return raw;
    }

    /** True for {@code true}, false for {@code false} or absent; anything else is a 400. */
    public static boolean flag(RoutingContext ctx, String name) {
        return flag(raw(ctx, name), name);
    }

    static boolean flag(String raw, String name) {
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be true or false", name);
    }

    /** The stripped value, or null when absent or blank. */
    public static String raw(RoutingContext ctx, String name) {
        return strip(ctx.queryParams().get(name));
    }

    static String strip(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    private static ApiError outOfRange(String name, long min, long max) {
        String range = min == Long.MIN_VALUE && max == Long.MAX_VALUE ? "a whole number"
                : max == Long.MAX_VALUE ? "a whole number from " + min + " up"
                : "a whole number from " + min + " to " + max;
        return ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be " + range, name);
    }
}
