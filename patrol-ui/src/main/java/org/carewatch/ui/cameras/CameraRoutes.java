package org.carewatch.ui.cameras;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.OptionalInt;
import org.carewatch.core.cameras.CameraInput;
import org.carewatch.core.cameras.CameraService;
import org.carewatch.core.users.Principal;
import org.carewatch.ingest.fleet.CameraHealthService;
import org.carewatch.ingest.frames.FrameService;
import org.carewatch.ingest.frames.Viewing;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiFeature;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;
import org.carewatch.ui.http.QueryParams;

/**
 * Cameras: {@code /api/v1/centres/{id}/cameras} and {@code /api/v1/cameras/{id}} (+ {@code /health},
 * {@code /snapshot.jpg}). Who may see or change which camera is {@link CameraService}'s rule. Passwords are
 * write-only.
 */
public final class CameraRoutes implements ApiFeature {
    private final CameraService cameras;
    private final CameraHealthService health;
    private final FrameService frames;
    private final Blocking blocking;

    public CameraRoutes(CameraService cameras, CameraHealthService health, FrameService frames, Blocking blocking) {
        this.cameras = cameras;
        this.health = health;
        this.frames = frames;
        this.blocking = blocking;
    }

    @Override
    public void mount(Router api) {
        api.get("/centres/:id/cameras").handler(this::list);
        api.post("/centres/:id/cameras").handler(this::create);
        api.get("/cameras/:id").handler(this::read);
        api.patch("/cameras/:id").handler(this::update);
        api.get("/cameras/:id/health").handler(this::health);
        api.get("/cameras/:id/snapshot.jpg").handler(this::snapshot);
    }

    private void health(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> health.health(who, id)).onSuccess(h -> Json.send(ctx, 200, h)).onFailure(ctx::fail);
    }

    /**
     * A masked JPEG of the camera now; every call is written to the access log with its purpose
     * ({@code ?purpose=}, required where the district's live-view policy says so; refused where live view is
     * disabled). {@code ?width=} scales it down.
     */
    private void snapshot(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        OptionalInt width = width(ctx);
        String purpose = QueryParams.text(ctx, "purpose", 500);
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
        Long w = QueryParams.longValue(ctx, "width", 16, 7680);
        return w == null ? OptionalInt.empty() : OptionalInt.of(w.intValue());
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        blocking.run(() -> cameras.list(who, centreId))
                .onSuccess(list -> Json.send(ctx, 200, Map.of("items", list, "count", list.size()))).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        CameraInput in = Json.body(ctx, CameraInput.class);
        blocking.run(() -> cameras.create(who, centreId, in)).onSuccess(c -> {
            ctx.response().putHeader("Location", "/api/v1/cameras/" + c.id());
            Json.send(ctx, 201, c);
        }).onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> cameras.visible(who, id)).onSuccess(c -> Json.send(ctx, 200, c)).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        CameraInput in = Json.body(ctx, CameraInput.class);
        blocking.run(() -> cameras.update(who, id, in)).onSuccess(c -> Json.send(ctx, 200, c)).onFailure(ctx::fail);
    }
}
