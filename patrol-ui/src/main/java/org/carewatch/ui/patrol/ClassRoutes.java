package org.carewatch.ui.patrol;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.patrol.classes.CentreClass;
import org.carewatch.patrol.classes.ClassService;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;

/** {@code /api/v1/centres/{id}/classes}: a centre's classes (age group, enrolled children, carers on duty). */
public final class ClassRoutes {
    private final ClassService classes;
    private final Blocking blocking;

    public ClassRoutes(ClassService classes, Blocking blocking) {
        this.classes = classes;
        this.blocking = blocking;
    }

    public void mount(Router api) {
        api.get("/centres/:id/classes").handler(Auth.require(Role.values())).handler(this::list);
        api.post("/centres/:id/classes").handler(Auth.require(Role.values())).handler(this::create);
        api.patch("/centres/:id/classes/:classId").handler(Auth.require(Role.values())).handler(this::update);
        api.delete("/centres/:id/classes/:classId").handler(Auth.require(Role.values())).handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centre = PathIds.id(ctx);
        blocking.run(() -> classes.list(who, centre)).onSuccess(l -> Json.send(ctx, 200, Map.of("items", l, "count", l.size())))
                .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centre = PathIds.id(ctx);
        CentreClass.Input in = Json.body(ctx, CentreClass.Input.class);
        blocking.run(() -> classes.create(who, centre, in)).onSuccess(c -> {
            ctx.response().putHeader("Location", "/api/v1/centres/" + centre + "/classes/" + c.id());
            Json.send(ctx, 201, c);
        }).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centre = PathIds.id(ctx);
        long classId = PathIds.id(ctx, "classId");
        CentreClass.Input in = Json.body(ctx, CentreClass.Input.class);
        blocking.run(() -> classes.update(who, centre, classId, in)).onSuccess(c -> Json.send(ctx, 200, c)).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centre = PathIds.id(ctx);
        long classId = PathIds.id(ctx, "classId");
        blocking.run(() -> {
            classes.delete(who, centre, classId);
            return null;
        }).onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }
}
