package org.carewatch.ui.webhooks;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.carewatch.alerts.notify.DeadLetterRow;
import org.carewatch.alerts.notify.WebhookAdmin;
import org.carewatch.alerts.notify.WebhookInfo;
import org.carewatch.alerts.notify.WebhookInput;
import org.carewatch.core.users.Principal;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;
import org.carewatch.ui.http.QueryParams;

/**
 * {@code /api/v1/webhooks}: list, create, read, change, delete, dead letters and a test delivery. Routes
 * only: who may do what (administrators, for their own district; webhooks for every district read-only;
 * other districts' as 404) is decided by {@link WebhookAdmin}. The secret is write-only: answers carry
 * its fingerprint.
 */
public final class WebhookRoutes implements org.carewatch.ui.http.ApiFeature {
    private final WebhookAdmin admin;
    private final Blocking blocking;

    public WebhookRoutes(WebhookAdmin admin, Blocking blocking) {
        this.admin = admin;
        this.blocking = blocking;
    }

    public void mount(Router api) {
        api.get("/webhooks").handler(this::list);
        api.post("/webhooks").handler(this::create);
        api.get("/webhooks/:id").handler(this::read);
        api.patch("/webhooks/:id").handler(this::update);
        api.delete("/webhooks/:id").handler(this::delete);
        api.get("/webhooks/:id/dead-letters").handler(this::deadLetters);
        api.post("/webhooks/:id/test").handler(this::test);
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        blocking.run(() -> admin.list(who)).onSuccess(l -> Json.send(ctx, 200,
                Map.of("items", l.stream().map(WebhookRoutes::view).toList(), "count", l.size()))).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        WebhookInput in = input(Json.body(ctx, WebhookBody.class));
        blocking.run(() -> admin.create(who, in)).onSuccess(v -> {
            ctx.response().putHeader("Location", "/api/v1/webhooks/" + v.info().id());
            Json.send(ctx, 201, view(v));
        }).onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> admin.read(who, id)).onSuccess(v -> Json.send(ctx, 200, view(v))).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        WebhookInput in = input(Json.body(ctx, WebhookBody.class));
        blocking.run(() -> admin.update(who, id, in)).onSuccess(v -> Json.send(ctx, 200, view(v))).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> {
            admin.delete(who, id);
            return null;
        }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private void deadLetters(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        int limit = number(ctx, "limit", 50, 1, 500);
        int offset = number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        blocking.run(() -> admin.deadLetters(who, id, limit, offset)).onSuccess(p -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", p.items().stream().map(WebhookRoutes::view).toList());
            body.put("total", p.total());
            body.put("limit", limit);
            body.put("offset", offset);
            Json.send(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    private void test(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> admin.test(who, id)).onSuccess(r -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("delivered", r.delivered());
            body.put("status", r.status());
            body.put("error", r.error());
            body.put("millis", r.millis());
            Json.send(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    // ---- helpers ----

    private static WebhookInput input(WebhookBody b) {
        return new WebhookInput(b.url(), b.secret(), b.active(), b.districtId());
    }

    static Map<String, Object> view(WebhookAdmin.View v) {
        WebhookInfo i = v.info();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("districtId", i.districtId());
        m.put("url", i.url());
        m.put("active", i.active());
        m.put("secretFingerprint", i.secretFingerprint());
        m.put("readOnly", v.readOnly());
        m.put("createdAt", i.createdAt());
        m.put("updatedAt", i.updatedAt());
        return m;
    }

    private static Map<String, Object> view(DeadLetterRow d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("webhookId", d.webhookId());
        m.put("alertId", d.alertId());
        m.put("event", d.event());
        m.put("attempts", d.attempts());
        m.put("lastError", d.lastError());
        m.put("createdAt", d.createdAt());
        m.put("payload", payload(d.payload()));
        return m;
    }

    private static Object payload(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json;
        }
    }

    private static int number(RoutingContext ctx, String name, int fallback, int min, int max) {
        return QueryParams.intValue(ctx, name, fallback, min, max);
    }
}
