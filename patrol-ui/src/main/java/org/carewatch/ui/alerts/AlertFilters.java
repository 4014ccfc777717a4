package org.carewatch.ui.alerts;

import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.carewatch.alerts.history.AlertQuery;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.profiles.sensor.Severity;
import org.carewatch.ui.http.ApiError;

/**
 * The alert list page's filters as a person sets them (centre, kind, severity, state, a date range in the
 * district's time zone, page number), turned into the history service's query. A bad value is a 400 naming
 * the field.
 */
public record AlertFilters(Long centre, String kind, Severity severity, AlertState state, LocalDate from, LocalDate to, int page) {
    public static final int PAGE_SIZE = 25;

    public static AlertFilters parse(RoutingContext ctx) {
        var p = ctx.queryParams();
        Long centre = blank(p.get("centre")) ? null : number(p.get("centre"), "centre");
        String kind = blank(p.get("kind")) ? null : p.get("kind").strip();
        if (kind != null && !kind.matches("[a-z0-9-]{1,64}")) {
            throw ApiError.badRequest("invalid_field", "'kind' must be 1-64 lower-case letters, digits or '-'", "kind");
        }
        Severity severity = blank(p.get("severity")) ? null : enumValue(Severity.class, p.get("severity"), "severity");
        AlertState state = blank(p.get("state")) ? null : enumValue(AlertState.class, p.get("state"), "state");
        LocalDate from = date(p.get("from"), "from");
        LocalDate to = date(p.get("to"), "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiError.badRequest("invalid_field", "'to' must not be before 'from'", "to");
        }
        int page = blank(p.get("page")) ? 1 : (int) Math.min(number(p.get("page"), "page"), 100_000);
        return new AlertFilters(centre, kind, severity, state, from, to, Math.max(page, 1));
    }

    /** The history query for this page of results; {@code to} is inclusive (the whole day). */
    public AlertQuery query(ZoneId zone) {
        Instant f = from == null ? null : from.atStartOfDay(zone).toInstant();
        Instant t = to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant();
        return new AlertQuery(centre, f, t, kind, severity, state, null, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    }

    /** The list's address with these filters on another page (the list re-reads itself from it). */
    public String href(int toPage) {
        StringBuilder b = new StringBuilder("/alerts?");
        add(b, "centre", centre == null ? null : centre.toString());
        add(b, "kind", kind);
        add(b, "severity", severity == null ? null : severity.id());
        add(b, "state", state == null ? null : state.id());
        add(b, "from", from == null ? null : from.toString());
        add(b, "to", to == null ? null : to.toString());
        if (toPage > 1) {
            add(b, "page", Integer.toString(toPage));
        }
        String s = b.toString();
        return s.endsWith("?") || s.endsWith("&") ? s.substring(0, s.length() - 1) : s;
    }

    public boolean any() {
        return centre != null || kind != null || severity != null || state != null || from != null || to != null;
    }

    private static void add(StringBuilder b, String k, String v) {
        if (v != null) {
            b.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static long number(String raw, String field) {
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

    private static <E extends Enum<E>> E enumValue(Class<E> type, String raw, String field) {
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid_field", "'" + field + "' has no value '" + clip(raw) + "'", field);
        }
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
