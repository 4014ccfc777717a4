package org.carewatch.ui.live;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.carewatch.core.users.Principal;
import org.carewatch.ingest.frames.Viewing;
import org.carewatch.ingest.live.LiveRefusedException;
import org.carewatch.ingest.live.LiveService;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.auth.StreamSessions;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.ApiFeature;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;
import org.carewatch.ui.http.QueryParams;

/**
 * {@code GET /api/v1/cameras/{id}/live} (WebSocket upgrade; bearer token or the console's session cookie):
 * live video as fMP4 for Media Source Extensions. The first message is text {@code {"mime": ...}}, then one
 * binary message per segment (init segment, then fragments). {@link LiveService#open} applies scope, the
 * district's policy ({@code ?purpose=}), masks, codec and the viewer limit and logs the session before the
 * upgrade, so a refusal is an ordinary JSON error. The socket closes (code 4001, reason) when the credential
 * is revoked or expires ({@link StreamSessions}).
 */
public final class LiveRoutes implements ApiFeature {
    private final LiveService live;
    private final Blocking blocking;
    private final StreamSessions sessions;

    public LiveRoutes(LiveService live, Blocking blocking, StreamSessions sessions) {
        this.live = live;
        this.blocking = blocking;
        this.sessions = sessions;
    }

    @Override
    public void mount(Router api) {
        api.get("/cameras/:id/live").handler(this::live);
        api.get("/cameras/:id/live/plan").handler(this::plan);
    }

    /** What a player can show for the camera (the wall's tiles ask before opening the socket); logs nothing. */
    private void plan(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> live.plan(who, id)).onFailure(ctx::fail).onSuccess(p -> Json.send(ctx, 200, java.util.Map.of(
                "camera", id, "offer", p.offer().name().toLowerCase(java.util.Locale.ROOT), "purposeRequired", p.purposeRequired())));
    }

    private void live(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        String purpose = QueryParams.text(ctx, "purpose", 500);
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            throw new ApiError(400, "invalid_request", "a WebSocket upgrade is required", "Upgrade");
        }
        sameOrigin(ctx);
        String client = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
        LiveViewerSocket viewer = new LiveViewerSocket();
        // The request is kept paused (BodyLimits) until toWebSocket() below.
        blocking.run(() -> live.open(who, id, new Viewing(purpose, client), viewer)).onFailure(e -> {
            ctx.request().resume();
            ctx.fail(refusal(e));
        }).onSuccess(session -> {
            ctx.request().toWebSocket().onFailure(e -> session.close()).onSuccess(ws -> {
                StreamSessions.Handle handle = sessions.open(ctx, reason -> ws.close((short) 4001, reason));
                ws.closeHandler(v -> {
                    session.close();
                    handle.close();
                });
                ws.exceptionHandler(e -> ws.close());
                ws.handler(b -> { }); // the client sends nothing we use
                viewer.attach(ws, session.mimeType());
            });
        });
    }

    /** A cookie-carried WebSocket must come from our own pages (cross-site WebSocket hijacking). */
    private static void sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        String host = ctx.request().getHeader("Host");
        if (origin == null || host == null) {
            return; // not a browser (API client with a bearer token)
        }
        String bare = origin.replaceFirst("^https?://", "");
        if (!bare.equalsIgnoreCase(host)) {
            throw new ApiError(403, "forbidden", "cross-origin live view", "Origin");
        }
    }

    static Throwable refusal(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof LiveRefusedException)) {
            t = t.getCause();
        }
        if (t instanceof LiveRefusedException r) {
            return switch (r.reason()) {
                case MASKED -> new ApiError(409, "live_masked", r.getMessage(), null);
                case UNSUPPORTED_CODEC -> new ApiError(422, "live_unsupported_codec", r.getMessage(), null);
                case NOT_STREAMING -> new ApiError(503, "live_not_streaming", r.getMessage(), null);
                case VIEWER_LIMIT -> new ApiError(409, "live_viewer_limit", r.getMessage(), null);
            };
        }
        return e;
    }

}
