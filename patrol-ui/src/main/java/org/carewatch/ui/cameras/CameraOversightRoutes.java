package org.carewatch.ui.cameras;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.carewatch.core.cameras.CameraOversight;
import org.carewatch.core.users.Principal;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.ApiFeature;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;
import org.carewatch.ui.http.QueryParams;

/**
 * The district's oversight of its centres' cameras: {@code /api/v1/centres/{id}/camera-changes} (who changed
 * which camera, when, before and after), {@code /api/v1/centres/{id}/mask-requests} and
 * {@code POST /api/v1/mask-requests/{id}/approve|reject}. The rules are {@link CameraOversight}'s.
 */
public final class CameraOversightRoutes implements ApiFeature {
    private final CameraOversight oversight;
    private final Blocking blocking;

    public CameraOversightRoutes(CameraOversight oversight, Blocking blocking) {
        this.oversight = oversight;
        this.blocking = blocking;
    }

    record Decision(String note) {
    }

    @Override
    public void mount(Router api) {
        api.get("/centres/:id/camera-changes").handler(this::changes);
        api.get("/centres/:id/mask-requests").handler(this::requests);
        api.post("/mask-requests/:id/approve").handler(ctx -> decide(ctx, true));
        api.post("/mask-requests/:id/reject").handler(ctx -> decide(ctx, false));
    }

    private void changes(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        Instant from = QueryParams.instant(ctx, "from");
        Instant to = QueryParams.instant(ctx, "to");
        int limit = limit(ctx);
        int offset = offset(ctx);
        blocking.run(() -> oversight.changes(who, centreId, from, to, limit, offset))
                .onSuccess(list -> page(ctx, list, limit, offset)).onFailure(ctx::fail);
    }

    private void requests(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        String state = QueryParams.raw(ctx, "state");
        int limit = limit(ctx);
        int offset = offset(ctx);
        blocking.run(() -> oversight.maskRequests(who, centreId, state, limit, offset))
                .onSuccess(list -> page(ctx, list, limit, offset)).onFailure(ctx::fail);
    }

    private void decide(RoutingContext ctx, boolean approve) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        var raw = ctx.body() == null ? null : ctx.body().buffer();
        String note = raw == null || raw.length() == 0 ? null : Json.body(ctx, Decision.class).note();
        blocking.run(() -> approve ? oversight.approve(who, id, note) : oversight.reject(who, id, note))
                .onSuccess(r -> Json.send(ctx, 200, r)).onFailure(ctx::fail);
    }

    private static void page(RoutingContext ctx, List<?> items, int limit, int offset) {
        Json.send(ctx, 200, Map.of("items", items, "count", items.size(), "limit", limit, "offset", offset));
    }

    private static int limit(RoutingContext ctx) {
        Long v = QueryParams.longValue(ctx, "limit");
        if (v == null) {
            return 100;
        }
        if (v < 1 || v > 500) {
            throw ApiError.badRequest("invalid_field", "query parameter 'limit' must be from 1 to 500", "limit");
        }
        return v.intValue();
    }

    private static int offset(RoutingContext ctx) {
        Long v = QueryParams.longValue(ctx, "offset");
        if (v == null) {
            return 0;
        }
        if (v < 0 || v > 1_000_000) {
            throw ApiError.badRequest("invalid_field", "query parameter 'offset' must be from 0 to 1000000", "offset");
        }
        return v.intValue();
    }
}
