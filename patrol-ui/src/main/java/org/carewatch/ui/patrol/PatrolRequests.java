package org.carewatch.ui.patrol;

import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.Json;

/** Request bodies and path values of the patrol routes, with 400 answers that name the field. */
final class PatrolRequests {
    private PatrolRequests() {
    }

    /** {@code POST /rotations/{date}/draw}: an optional seed (64 hex digits); absent or empty body draws a random one. */
    record DrawBody(String seed) {
    }

    record AbsenceBody(Long officerId) {
    }

    record SpotCheckBody(Long districtId, BigDecimal share, LocalDate from, LocalDate to, String seed) {
    }

    static LocalDate date(RoutingContext ctx) {
        String raw = ctx.pathParam("date");
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_field", "path parameter 'date' must be a date YYYY-MM-DD, got '" + raw + "'", "date");
        }
    }

    /** The body, or null when the request has none (for optional bodies). */
    static <T> T optionalBody(RoutingContext ctx, Class<T> type) {
        var buf = ctx.body().buffer();
        if (buf == null || buf.length() == 0 || buf.toString().isBlank()) {
            return null;
        }
        return Json.body(ctx, type);
    }
}
