package org.carewatch.ui.live;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.carewatch.core.users.Principal;
import org.carewatch.ingest.live.LiveService;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.console.Console;
import org.carewatch.ui.console.ConsoleFeature;
import org.carewatch.ui.console.Shell;
import org.carewatch.ui.http.PathIds;

/**
 * {@code /live/cameras/{id}}: one camera live. The page asks {@link LiveService#plan} what can be shown (video,
 * or masked snapshots about once a second for a masked or H.265 camera, or nothing where the district disables
 * live view) and whether a purpose must be stated; {@code live.js} then opens the WebSocket
 * ({@link LiveRoutes}) or polls the snapshot route, both of which apply the rules and write the access log.
 */
public final class LivePages implements ConsoleFeature {
    private final LiveService live;

    public LivePages(LiveService live) {
        this.live = live;
    }

    /** The template's model. */
    public record LivePage(Shell shell, long cameraId, String cameraName, String offer, boolean purposeRequired, String purpose) {
    }

    @Override
    public void mount(Router root, Console c) {
        root.get("/live/cameras/:id").handler(c.signedIn()).handler(ctx -> page(ctx, c)).failureHandler(c.errors());
    }

    private void page(RoutingContext ctx, Console c) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        // ?visit=N (the visit page's l key): that visit is the stated purpose, and the video starts at once.
        Long visit = org.carewatch.ui.http.QueryParams.id(ctx, "visit");
        c.blocking().run(() -> live.plan(who, id)).onFailure(ctx::fail).onSuccess(plan -> {
            Shell shell = c.shell(ctx, "live.title", plan.camera().name());
            c.render(ctx, 200, "live/camera.jte", new LivePage(shell, id, plan.camera().name(),
                    plan.offer().name().toLowerCase(java.util.Locale.ROOT), plan.purposeRequired(),
                    visit == null ? null : shell.t("live.purpose.visit", visit)));
        });
    }
}
