package org.carewatch.ui.patrol;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.patrol.rotation.RotationService;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;

/**
 * {@code /api/v1/rotations/{date}}: the drawn day, its draw and re-draw after an absence, its export and
 * verification. The service decides who may (district roles read; administrators draw and mark absences).
 */
public final class RotationRoutes {
    private final RotationService rotations;
    private final Blocking blocking;

    public RotationRoutes(RotationService rotations, Blocking blocking) {
        this.rotations = rotations;
        this.blocking = blocking;
    }

    public void mount(Router api) {
        api.get("/rotations/:date").handler(Auth.require(Role.values())).handler(this::view);
        api.post("/rotations/:date/draw").handler(Auth.require(Role.values())).handler(this::draw);
        api.post("/rotations/:date/absences").handler(Auth.require(Role.values())).handler(this::absence);
        api.get("/rotations/:date/export").handler(Auth.require(Role.values())).handler(this::export);
        api.get("/rotations/:date/verify").handler(Auth.require(Role.values())).handler(this::verify);
    }

    private void view(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        LocalDate date = PatrolRequests.date(ctx);
        blocking.run(() -> rotations.view(who, date)).onSuccess(v -> Json.send(ctx, 200, v)).onFailure(ctx::fail);
    }

    private void draw(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        LocalDate date = PatrolRequests.date(ctx);
        PatrolRequests.DrawBody body = PatrolRequests.optionalBody(ctx, PatrolRequests.DrawBody.class);
        String seed = body == null ? null : body.seed();
        blocking.run(() -> rotations.draw(who, date, seed)).onSuccess(v -> Json.send(ctx, 200, v)).onFailure(ctx::fail);
    }

    private void absence(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        LocalDate date = PatrolRequests.date(ctx);
        PatrolRequests.AbsenceBody body = Json.body(ctx, PatrolRequests.AbsenceBody.class);
        if (body.officerId() == null) {
            throw new InvalidInputException("officerId", "is required");
        }
        blocking.run(() -> rotations.markAbsent(who, date, body.officerId())).onSuccess(v -> Json.send(ctx, 200, v)).onFailure(ctx::fail);
    }

    private void export(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        LocalDate date = PatrolRequests.date(ctx);
        blocking.run(() -> rotations.export(who, date)).onSuccess(doc -> {
            ctx.response().putHeader("Content-Disposition", "attachment; filename=\"rotation-" + date + ".json\"");
            Json.send(ctx, 200, doc);
        }).onFailure(ctx::fail);
    }

    private void verify(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        LocalDate date = PatrolRequests.date(ctx);
        blocking.run(() -> rotations.verify(who, date)).onSuccess(v -> Json.send(ctx, 200, v)).onFailure(ctx::fail);
    }
}
