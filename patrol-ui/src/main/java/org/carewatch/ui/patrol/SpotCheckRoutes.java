package org.carewatch.ui.patrol;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.patrol.spot.SpotCheckService;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;

/** {@code /api/v1/spot-checks}: drawing field spot checks (administrators) and reading them (district roles). */
public final class SpotCheckRoutes {
    private final SpotCheckService checks;
    private final Blocking blocking;

    public SpotCheckRoutes(SpotCheckService checks, Blocking blocking) {
        this.checks = checks;
        this.blocking = blocking;
    }

    public void mount(Router api) {
        api.post("/spot-checks/draw").handler(Auth.require(Role.values())).handler(this::draw);
        api.get("/spot-checks/:id").handler(Auth.require(Role.values())).handler(this::read);
        api.get("/spot-checks/:id/export").handler(Auth.require(Role.values())).handler(this::export);
        api.get("/spot-checks/:id/verify").handler(Auth.require(Role.values())).handler(this::verify);
    }

    private void draw(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        PatrolRequests.SpotCheckBody b = Json.body(ctx, PatrolRequests.SpotCheckBody.class);
        String share = b.share() == null ? null : b.share().toPlainString();
        blocking.run(() -> checks.draw(who, b.districtId(), share, b.from(), b.to(), b.seed())).onSuccess(v -> {
            ctx.response().putHeader("Location", "/api/v1/spot-checks/" + v.id());
            Json.send(ctx, 201, v);
        }).onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> checks.get(who, id)).onSuccess(v -> Json.send(ctx, 200, v)).onFailure(ctx::fail);
    }

    private void export(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> checks.export(who, id)).onSuccess(doc -> {
            ctx.response().putHeader("Content-Disposition", "attachment; filename=\"spot-check-" + id + ".json\"");
            Json.send(ctx, 200, doc);
        }).onFailure(ctx::fail);
    }

    private void verify(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> checks.verify(who, id)).onSuccess(v -> Json.send(ctx, 200, v)).onFailure(ctx::fail);
    }
}
