package org.carewatch.ui.centres;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.carewatch.core.centres.CentreInput;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.users.Principal;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiFeature;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;
import org.carewatch.ui.http.QueryParams;

/** {@code /api/v1/centres}: who may list, read, create and change centres is {@link CentreService}'s rule. */
public final class CentreRoutes implements ApiFeature {
    private final CentreService centres;
    private final Blocking blocking;

    public CentreRoutes(CentreService centres, Blocking blocking) {
        this.centres = centres;
        this.blocking = blocking;
    }

    @Override
    public void mount(Router api) {
        api.get("/centres").handler(this::list);
        api.post("/centres").handler(this::create);
        api.get("/centres/:id").handler(this::read);
        api.patch("/centres/:id").handler(this::update);
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        boolean all = QueryParams.flag(ctx, "includeInactive");
        blocking.run(() -> centres.list(who, all))
                .onSuccess(list -> Json.send(ctx, 200, Map.of("items", list, "count", list.size())))
                .onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> centres.visible(who, id)).onSuccess(c -> Json.send(ctx, 200, c)).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        CentreInput in = Json.body(ctx, CentreInput.class);
        blocking.run(() -> centres.create(who, in)).onSuccess(c -> {
            ctx.response().putHeader("Location", "/api/v1/centres/" + c.id());
            Json.send(ctx, 201, c);
        }).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        CentreInput in = Json.body(ctx, CentreInput.class);
        blocking.run(() -> centres.update(who, id, in)).onSuccess(c -> Json.send(ctx, 200, c)).onFailure(ctx::fail);
    }
}
