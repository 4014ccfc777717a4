package org.carewatch.ui.live;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.patrol.wall.WallService;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.console.Console;
import org.carewatch.ui.console.ConsoleFeature;
import org.carewatch.ui.console.NavEntry;
import org.carewatch.ui.console.Shell;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.QueryParams;

/**
 * {@code /wall}: the camera wall (轮巡). {@link WallService#list} decides who may see it and which cameras it
 * cycles through ({@code ?centre=ID}, else the officer's current round); {@code static/wall.js} shows them in
 * 1, 4, 9 or 16 tiles ({@code ?tiles=}), a page per {@code ?dwell=} seconds, each tile through
 * {@code static/live-player.js} (the live WebSocket or masked snapshots, closed when the tile leaves).
 */
public final class WallPages implements ConsoleFeature {
    static final Set<Integer> TILES = Set.of(1, 4, 9, 16);
    private final WallService wall;

    public WallPages(WallService wall) {
        this.wall = wall;
    }

    /** The template's model; {@code cameras} is the list as JSON for the script. */
    public record WallPage(Shell shell, WallService.Wall wall, String cameras, int tiles, int dwell) {
    }

    @Override
    public List<NavEntry> nav() {
        return List.of(new NavEntry("/wall", "nav.wall", EnumSet.of(Role.OFFICER, Role.ADMIN)));
    }

    @Override
    public void mount(Router root, Console c) {
        root.get("/wall").handler(c.signedIn()).handler(ctx -> page(ctx, c)).failureHandler(c.errors());
    }

    private void page(RoutingContext ctx, Console c) {
        Principal who = Auth.principal(ctx);
        Long centre = QueryParams.id(ctx, "centre");
        int dwell = QueryParams.intValue(ctx, "dwell", 20, 3, 3600);
        int tiles = QueryParams.intValue(ctx, "tiles", 4, 1, 16);
        if (!TILES.contains(tiles)) {
            throw new ApiError(400, "invalid_request", "tiles must be 1, 4, 9 or 16", "tiles");
        }
        c.blocking().run(() -> wall.list(who, centre)).onFailure(ctx::fail).onSuccess(w -> {
            Shell shell = c.shell(ctx, "wall.title");
            String json;
            try {
                json = Json.MAPPER.writeValueAsString(w.cameras());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                ctx.fail(e);
                return;
            }
            c.render(ctx, 200, "live/wall.jte", new WallPage(shell, w, json, tiles, dwell));
        });
    }
}
