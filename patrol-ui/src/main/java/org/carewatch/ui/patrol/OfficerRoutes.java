package org.carewatch.ui.patrol;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.patrol.roster.RosterPatch;
import org.carewatch.patrol.roster.RosterService;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;

/** {@code /api/v1/officers}: the district's roster (working days, absences, conflicts of interest). */
public final class OfficerRoutes {
    private final RosterService rosters;
    private final Blocking blocking;

    public OfficerRoutes(RosterService rosters, Blocking blocking) {
        this.rosters = rosters;
        this.blocking = blocking;
    }

    public void mount(Router api) {
        api.get("/officers").handler(Auth.require(Role.values())).handler(this::list);
        api.get("/officers/:id").handler(Auth.require(Role.values())).handler(this::read);
        api.patch("/officers/:id").handler(Auth.require(Role.values())).handler(this::update);
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        blocking.run(() -> rosters.list(who)).onSuccess(l -> Json.send(ctx, 200, Map.of("items", l, "count", l.size()))).onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> rosters.get(who, id)).onSuccess(o -> Json.send(ctx, 200, o)).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        RosterPatch patch = Json.body(ctx, RosterPatch.class);
        blocking.run(() -> rosters.update(who, id, patch)).onSuccess(o -> Json.send(ctx, 200, o)).onFailure(ctx::fail);
    }
}
