package org.carewatch.ui.audit;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.carewatch.core.audit.AccessLog;
import org.carewatch.core.audit.AccessLogQuery;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;

/** Auditors and administrators review who viewed which camera, and check the log's hash chain. */
public final class AuditRoutes {
    private final AccessLog log;
    private final AccessLogQuery query;
    private final Blocking blocking;

    public AuditRoutes(AccessLog log, AccessLogQuery query, Blocking blocking) {
        this.log = log;
        this.query = query;
        this.blocking = blocking;
    }

    public void mount(Router api) {
        api.get("/audit/access").handler(Auth.require(Role.AUDITOR, Role.ADMIN)).handler(this::list);
        api.get("/audit/verify").handler(Auth.require(Role.AUDITOR, Role.ADMIN)).handler(this::verify);
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        var q = ctx.queryParams();
        Long centre = longParam(q.get("centre"), "centre");
        Instant from = instant(q.get("from"), "from");
        Instant to = instant(q.get("to"), "to");
        int limit = (int) Math.min(1000, Math.max(1, longParam(q.get("limit"), "limit") == null ? 100 : longParam(q.get("limit"), "limit")));
        Long before = longParam(q.get("before"), "before");
        blocking.run(() -> query.list(who.districtId(), centre, q.get("user"), from, to, before, limit))
                .onSuccess(rows -> Json.send(ctx, 200, Map.of("items", rows, "count", rows.size())))
                .onFailure(ctx::fail);
    }

    private void verify(RoutingContext ctx) {
        blocking.run(log::verify).onSuccess(v -> Json.send(ctx, v.intact() ? 200 : 409, v.intact()
                ? Map.of("intact", true, "rows", v.rows())
                : Map.of("intact", false, "rows", v.rows(), "firstBrokenId", v.firstBrokenId().get(), "problem", v.problem())))
                .onFailure(ctx::fail);
    }

    private static Long longParam(String raw, String name) {
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be a whole number", name);
        }
    }

    private static Instant instant(String raw, String name) {
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be an ISO-8601 instant such as 2026-11-23T08:00:00Z", name);
        }
    }
}
