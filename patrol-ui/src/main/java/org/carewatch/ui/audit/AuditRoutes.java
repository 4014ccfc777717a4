package org.carewatch.ui.audit;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.carewatch.core.audit.AccessLogFilter;
import org.carewatch.core.audit.AccessLogService;
import org.carewatch.core.users.Principal;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiFeature;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.QueryParams;

/** {@code /api/v1/audit/access} (who viewed which camera; also {@code .csv}) and {@code /api/v1/audit/verify} (the log's hash chain). */
public final class AuditRoutes implements ApiFeature {
    private final AccessLogService accessLog;
    private final Blocking blocking;

    public AuditRoutes(AccessLogService accessLog, Blocking blocking) {
        this.accessLog = accessLog;
        this.blocking = blocking;
    }

    @Override
    public void mount(Router api) {
        api.get("/audit/access").handler(this::list);
        api.get("/audit/access.csv").handler(this::csv);
        api.get("/audit/verify").handler(this::verify);
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        var filter = filter(ctx);
        blocking.run(() -> accessLog.list(who, filter))
                .onSuccess(rows -> Json.send(ctx, 200, Map.of("items", rows, "count", rows.size())))
                .onFailure(ctx::fail);
    }

    /** The same rows as {@link #list} (same parameters) as CSV. */
    private void csv(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        var filter = filter(ctx);
        blocking.run(() -> accessLog.list(who, filter)).onSuccess(rows -> {
            StringBuilder out = new StringBuilder(Csv.line(API_CSV_COLUMNS));
            for (var r : rows) {
                out.append(Csv.line(List.of(Long.toString(r.id()), r.time().toString(), r.username(), r.role(), r.action(), r.objectType(),
                        Long.toString(r.objectId()), Long.toString(r.centreId()), r.purpose(), r.client())));
            }
            ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"access-log.csv\"").end(out.toString());
        }).onFailure(ctx::fail);
    }

    static final List<String> API_CSV_COLUMNS = List.of("id", "time", "username", "role", "action", "object_type", "object_id", "centre_id",
            "purpose", "client");

    private static AccessLogFilter filter(RoutingContext ctx) {
        return new AccessLogFilter(QueryParams.id(ctx, "centre"), QueryParams.id(ctx, "camera"), QueryParams.text(ctx, "user", 100),
                QueryParams.text(ctx, "action", 20),
                QueryParams.instant(ctx, "from"), QueryParams.instant(ctx, "to"), QueryParams.id(ctx, "before"),
                QueryParams.longValue(ctx, "limit", 1, AccessLogService.MAX_LIMIT));
    }

    private void verify(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        blocking.run(() -> accessLog.verify(who)).onSuccess(v -> Json.send(ctx, v.intact() ? 200 : 409, v.intact()
                ? Map.of("intact", true, "rows", v.rows())
                : Map.of("intact", false, "rows", v.rows(), "firstBrokenId", v.firstBrokenId().get(), "problem", v.problem())))
                .onFailure(ctx::fail);
    }
}
