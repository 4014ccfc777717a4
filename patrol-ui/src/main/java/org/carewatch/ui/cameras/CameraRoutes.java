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
import java.util.OptionalInt;
import org.carewatch.ingest.fleet.CameraFleet;
import org.carewatch.ingest.frames.FrameService;
import org.carewatch.ingest.frames.Viewing;
import org.carewatch.ui.http.ApiError;
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
    private final CameraFleet fleet;
    private final FrameService frames;
    private final Blocking blocking;

    public CameraRoutes(CameraRepository cameras, CentreRepository centres, CameraFleet fleet, FrameService frames, Blocking blocking) {
        this.cameras = cameras;
        this.centres = centres;
        this.fleet = fleet;
        this.frames = frames;
        this.blocking = blocking;
    }

    public void mount(Router api) {
        api.get("/centres/:id/cameras").handler(Auth.require(Role.values())).handler(this::list);
        api.post("/centres/:id/cameras").handler(Auth.require(Role.ADMIN, Role.FACILITY)).handler(this::create);
        api.get("/cameras/:id").handler(Auth.require(Role.values())).handler(this::read);
        api.patch("/cameras/:id").handler(Auth.require(Role.ADMIN, Role.FACILITY)).handler(this::update);
        api.get("/cameras/:id/health").handler(Auth.require(Role.values())).handler(this::health);
        api.get("/cameras/:id/snapshot.jpg").handler(Auth.require(Role.values())).handler(this::snapshot);
    }

    private void health(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> fleet.health(visible(who, id))).onSuccess(h -> Json.send(ctx, 200, h)).onFailure(ctx::fail);
    }

    /**
     * A masked JPEG of the camera now (the frame service checks scope, masks and writes the access log with
     * the purpose, {@code ?purpose=}). {@code ?width=} scales it down.
     */
    private void snapshot(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        OptionalInt width = width(ctx);
        String purpose = ctx.queryParams().get("purpose");
        String client = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
        blocking.run(() -> frames.snapshot(who, id, new Viewing(purpose, client), width))
                .compose(io.vertx.core.Future::fromCompletionStage)
                .onSuccess(jpeg -> ctx.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "no-store")
                        .end(io.vertx.core.buffer.Buffer.buffer(jpeg)))
                .onFailure(e -> {
                    var api = SnapshotErrors.of(e);
                    ctx.fail(api != null ? api : e);
                });
    }

    private static OptionalInt width(RoutingContext ctx) {
        String w = ctx.queryParams().get("width");
        if (w == null) {
            return OptionalInt.empty();
        }
        try {
            int v = Integer.parseInt(w);
            if (v >= 16 && v <= 7680) {
                return OptionalInt.of(v);
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ApiError.badRequest("invalid_field", "query parameter 'width' must be a whole number from 16 to 7680", "width");
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
            Camera c = cameras.create(centreId, in);
            fleet.refresh(c.id());
            return c;
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
            Camera c = cameras.update(id, in);
            fleet.refresh(id);
            return c;
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
