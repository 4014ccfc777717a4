package org.carewatch.ui.patrol;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.patrol.frames.FrameViewService;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiFeature;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.PathIds;

/**
 * {@code GET /api/v1/patrols/frames/{frameId}.jpg}: a sampled patrol frame (masked when it was taken). Who may
 * see it, and the access log, are {@link FrameViewService}'s; a frame never changes, so the browser may keep it
 * (private, immutable).
 */
public final class PatrolFrameRoutes implements ApiFeature {
    private final FrameViewService frames;
    private final Blocking blocking;

    public PatrolFrameRoutes(FrameViewService frames, Blocking blocking) {
        this.frames = frames;
        this.blocking = blocking;
    }

    @Override
    public void mount(Router api) {
        api.getWithRegex("/patrols/frames/(?<frameId>[^/]+)\\.jpg").handler(Auth.require(Role.values())).handler(this::frame);
    }

    private void frame(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx, "frameId");
        String client = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
        blocking.run(() -> frames.view(who, id, client))
                .onSuccess(img -> ctx.response().putHeader("Content-Type", "image/jpeg")
                        .putHeader("Cache-Control", "private, max-age=31536000, immutable")
                        .end(Buffer.buffer(img.jpeg())))
                .onFailure(ctx::fail);
    }
}
