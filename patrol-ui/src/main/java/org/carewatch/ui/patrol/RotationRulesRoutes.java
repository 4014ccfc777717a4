package org.carewatch.ui.patrol;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.patrol.rules.RotationRules;
import org.carewatch.patrol.rules.RulesService;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;

/** {@code /api/v1/districts/{id}/rotation-rules}: district roles read, administrators replace. */
public final class RotationRulesRoutes {
    private final RulesService rules;
    private final Blocking blocking;

    public RotationRulesRoutes(RulesService rules, Blocking blocking) {
        this.rules = rules;
        this.blocking = blocking;
    }

    public void mount(Router api) {
        api.get("/districts/:id/rotation-rules").handler(Auth.require(Role.values())).handler(this::read);
        api.put("/districts/:id/rotation-rules").handler(Auth.require(Role.values())).handler(this::replace);
    }

    private void read(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> rules.get(who, id)).onSuccess(r -> Json.send(ctx, 200, r)).onFailure(ctx::fail);
    }

    private void replace(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        RotationRules.Input in = Json.body(ctx, RotationRules.Input.class);
        blocking.run(() -> rules.put(who, id, in)).onSuccess(r -> Json.send(ctx, 200, r)).onFailure(ctx::fail);
    }
}
