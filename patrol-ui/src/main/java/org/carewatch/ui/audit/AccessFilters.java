package org.carewatch.ui.audit;

import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.carewatch.core.audit.AccessLogFilter;
import org.carewatch.core.audit.AccessLogService;
import org.carewatch.ui.http.ApiError;

/**
 * The access log page's filters as a person sets them (a date range in the district's time zone, user, action,
 * centre, camera) and the keyset position ({@code before}: rows older than that id), turned into the service's
 * filter. A malformed value is a 400 naming the field; whether a value is allowed is the service's rule.
 */
public record AccessFilters(LocalDate from, LocalDate to, String user, String action, Long centre, Long camera, Long before) {
    public static final int PAGE_SIZE = 50;

    public static AccessFilters parse(RoutingContext ctx) {
        var p = ctx.queryParams();
        LocalDate from = date(p.get("from"), "from");
        LocalDate to = date(p.get("to"), "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiError.badRequest("invalid_field", "'to' must not be before 'from'", "to");
        }
        String user = blank(p.get("user")) ? null : p.get("user").strip();
        if (user != null && user.length() > 100) {
            throw ApiError.badRequest("invalid_field", "'user' must be at most 100 characters", "user");
        }
        String action = blank(p.get("action")) ? null : p.get("action").strip();
        if (action != null && !AccessLogService.ACTIONS.contains(action)) {
            throw ApiError.badRequest("invalid_field", "'action' must be one of " + String.join(", ", AccessLogService.ACTIONS), "action");
        }
        return new AccessFilters(from, to, user, action, number(p.get("centre"), "centre"), number(p.get("camera"), "camera"),
                number(p.get("before"), "before"));
    }

    /** The service's filter for {@code rows} rows from {@code before}; {@code to} is inclusive (the whole day). */
    public AccessLogFilter query(ZoneId zone, long rows) {
        Instant f = from == null ? null : from.atStartOfDay(zone).toInstant();
        Instant t = to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant();
        return new AccessLogFilter(centre, camera, user, action, f, t, before, rows);
    }

    /** The query string of these filters at another position (null: the newest rows). */
    public String query(Long at) {
        StringBuilder b = new StringBuilder();
        add(b, "from", from == null ? null : from.toString());
        add(b, "to", to == null ? null : to.toString());
        add(b, "user", user);
        add(b, "action", action);
        add(b, "centre", centre == null ? null : centre.toString());
        add(b, "camera", camera == null ? null : camera.toString());
        add(b, "before", at == null ? null : at.toString());
        return b.isEmpty() ? "" : "?" + b.substring(0, b.length() - 1);
    }

    public boolean any() {
        return from != null || to != null || user != null || action != null || centre != null || camera != null;
    }

    private static void add(StringBuilder b, String k, String v) {
        if (v != null) {
            b.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Long number(String raw, String field) {
        if (blank(raw)) {
            return null;
        }
        try {
            long v = Long.parseLong(raw.strip());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw ApiError.badRequest("invalid_field", "'" + field + "' must be a positive whole number, got '" + clip(raw) + "'", field);
    }

    private static LocalDate date(String raw, String field) {
        if (blank(raw)) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_field", "'" + field + "' must be a date such as 2026-01-31", field);
        }
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
