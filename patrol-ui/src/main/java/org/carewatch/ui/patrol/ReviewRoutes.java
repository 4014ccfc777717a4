package org.carewatch.ui.patrol;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.patrol.coverage.CoverageService;
import org.carewatch.patrol.review.ReviewService;
import org.carewatch.patrol.review.VerdictInput;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;

/**
 * The officer's review: {@code /api/v1/patrols/queue}, {@code /patrols/visits/{id}} (+ {@code /verdict}) and
 * {@code /patrols/coverage}. The services decide who may (the officer records on their own visits; district
 * roles read; facility staff see none of it).
 */
public final class ReviewRoutes implements org.carewatch.ui.http.ApiFeature {
    private final ReviewService reviews;
    private final CoverageService coverage;
    private final Blocking blocking;

    public ReviewRoutes(ReviewService reviews, CoverageService coverage, Blocking blocking) {
        this.reviews = reviews;
        this.coverage = coverage;
        this.blocking = blocking;
    }

    @Override
    public void mount(Router api) {
        api.get("/patrols/queue").handler(Auth.require(Role.values())).handler(this::queue);
        api.get("/patrols/coverage").handler(Auth.require(Role.values())).handler(this::coverage);
        api.get("/patrols/visits/:id").handler(Auth.require(Role.values())).handler(this::visit);
        api.post("/patrols/visits/:id/verdict").handler(Auth.require(Role.values())).handler(this::verdict);
    }

    private void queue(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        blocking.run(() -> reviews.queue(who)).onSuccess(q -> Json.send(ctx, 200, q)).onFailure(ctx::fail);
    }

    private void visit(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> reviews.visit(who, id)).onSuccess(v -> Json.send(ctx, 200, v)).onFailure(ctx::fail);
    }

    private void verdict(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        VerdictInput in = Json.body(ctx, VerdictInput.class);
        blocking.run(() -> reviews.recordVerdict(who, id, in)).onSuccess(v -> Json.send(ctx, 200, v)).onFailure(ctx::fail);
    }

    private void coverage(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        LocalDate date = date(ctx.queryParams().get("date"));
        Long officer = officer(ctx.queryParams().get("officer"));
        blocking.run(() -> coverage.coverage(who, date, officer)).onSuccess(v -> Json.send(ctx, 200, v)).onFailure(ctx::fail);
    }

    private static LocalDate date(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_field", "query parameter 'date' must be a date YYYY-MM-DD", "date");
        }
    }

    private static Long officer(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ApiError.badRequest("invalid_field", "query parameter 'officer' must be a positive whole number (an officer's id)", "officer");
    }
}
