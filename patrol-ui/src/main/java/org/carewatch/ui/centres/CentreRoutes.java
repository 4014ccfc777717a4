package org.carewatch.ui.centres;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.carewatch.core.centres.CentreInput;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;

/**
 * {@code /api/v1/centres}: every role lists and reads the centres in its scope; administrators create
 * and update centres of their own district.
 */
public final class CentreRoutes {
    /** Told about every changed centre, e.g. so its cameras switch between held and on-demand. */
    public interface ChangeListener {
        void centreChanged(long centreId) throws Exception;
    }

    private final CentreRepository centres;
    private final Blocking blocking;
    private final ChangeListener changes;

    public CentreRoutes(CentreRepository centres, Blocking blocking, ChangeListener changes) {
        this.centres = centres;
        this.blocking = blocking;
        this.changes = changes;
    }

    public void mount(Router api) {
        api.get("/centres").handler(Auth.require(Role.values())).handler(this::list);
        api.post("/centres").handler(Auth.require(Role.ADMIN)).handler(this::create);
        api.get("/centres/:id").handler(Auth.require(Role.values())).handler(this::read);
        api.patch("/centres/:id").handler(Auth.require(Role.ADMIN)).handler(this::update);
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        boolean all = "true".equals(ctx.queryParams().get("includeInactive"));
        blocking.run(() -> centres.list(who, all))
                .onSuccess(list -> Json.send(ctx, 200, Map.of("items", list, "count", list.size())))
                .onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = id(ctx);
        blocking.run(() -> centres.visible(who, id)).onSuccess(c -> Json.send(ctx, 200, c)).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        CentreInput in = Json.body(ctx, CentreInput.class);
        if (in.districtId() != null && !in.districtId().equals(who.districtId())) {
            throw new ApiError(403, "forbidden", "centres can only be created in your own district", "districtId");
        }
        CentreInput scoped = new CentreInput(who.districtId(), in.code(), in.name(), in.kind(), in.address(), in.capacity(),
                in.contactName(), in.contactPhone(), in.openDays(), in.opensAt(), in.closesAt(), in.napStartsAt(), in.napEndsAt(),
                in.holdCameras(), in.active(), null);
        blocking.run(() -> centres.create(scoped)).onSuccess(c -> {
            ctx.response().putHeader("Location", "/api/v1/centres/" + c.id());
            Json.send(ctx, 201, c);
        }).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = id(ctx);
        CentreInput in = Json.body(ctx, CentreInput.class);
        blocking.run(() -> {
            centres.visible(who, id);
            var updated = centres.update(id, in);
            changes.centreChanged(id);
            return updated;
        }).onSuccess(c -> Json.send(ctx, 200, c)).onFailure(ctx::fail);
    }

    private static long id(RoutingContext ctx) {
        return PathIds.id(ctx);
    }
}
