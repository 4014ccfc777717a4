package org.carewatch.ui.cameras;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraInput;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;

/**
 * Camera registration: administrators (their district) and facility staff (their own centre) register
 * and change cameras; every role reads the cameras in its scope. Passwords are write-only.
 */
public final class CameraRoutes {
    private final CameraRepository cameras;
    private final CentreRepository centres;
    private final Blocking blocking;

    public CameraRoutes(CameraRepository cameras, CentreRepository centres, Blocking blocking) {
        this.cameras = cameras;
        this.centres = centres;
        this.blocking = blocking;
    }

    public void mount(Router api) {
        api.get("/centres/:id/cameras").handler(Auth.require(Role.values())).handler(this::list);
        api.post("/centres/:id/cameras").handler(Auth.require(Role.ADMIN, Role.FACILITY)).handler(this::create);
        api.get("/cameras/:id").handler(Auth.require(Role.values())).handler(this::read);
        api.patch("/cameras/:id").handler(Auth.require(Role.ADMIN, Role.FACILITY)).handler(this::update);
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        blocking.run(() -> {
            centres.visible(who, centreId);
            return cameras.listByCentre(centreId);
        }).onSuccess(list -> Json.send(ctx, 200, Map.of("items", list, "count", list.size()))).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        CameraInput in = Json.body(ctx, CameraInput.class);
        blocking.run(() -> {
            centres.visible(who, centreId);
            return cameras.create(centreId, in);
        }).onSuccess(c -> {
            ctx.response().putHeader("Location", "/api/v1/cameras/" + c.id());
            Json.send(ctx, 201, c);
        }).onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> visible(who, id)).onSuccess(c -> Json.send(ctx, 200, c)).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        CameraInput in = Json.body(ctx, CameraInput.class);
        blocking.run(() -> {
            visible(who, id);
            return cameras.update(id, in);
        }).onSuccess(c -> Json.send(ctx, 200, c)).onFailure(ctx::fail);
    }

    /** The camera when its centre is in the caller's scope; else 404, whether or not it exists. */
    public Camera visible(Principal who, long id) throws java.sql.SQLException {
        Camera cam = cameras.find(id).orElseThrow(() -> new NotFoundException("camera " + id + " not found"));
        Centre centre = centres.find(cam.centreId()).orElseThrow(() -> new NotFoundException("camera " + id + " not found"));
        if (!who.canSee(centre.districtId(), centre.id())) {
            throw new NotFoundException("camera " + id + " not found");
        }
        return cam;
    }
}
