package org.carewatch.ui.webhooks;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.carewatch.alerts.notify.WebhookAdmin;
import org.carewatch.alerts.notify.WebhookRepository;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;

/**
 * {@code /api/v1/webhooks}: administrators only. An administrator manages the webhooks of their own
 * district; webhooks for every district (district null, set up by the operator) are shown read-only.
 * Webhooks of other districts read as 404. The secret is write-only: answers carry its fingerprint.
 */
public final class WebhookRoutes implements org.carewatch.ui.http.ApiFeature {
    static final int MAX_URL = 2000;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;

    private final WebhookAdmin admin;
    private final Blocking blocking;
    private final Clock clock;

    public WebhookRoutes(WebhookAdmin admin, Blocking blocking, Clock clock) {
        this.admin = admin;
        this.blocking = blocking;
        this.clock = clock;
    }

    public void mount(Router api) {
        api.get("/webhooks").handler(Auth.require(Role.ADMIN)).handler(this::list);
        api.post("/webhooks").handler(Auth.require(Role.ADMIN)).handler(this::create);
        api.get("/webhooks/:id").handler(Auth.require(Role.ADMIN)).handler(this::read);
        api.patch("/webhooks/:id").handler(Auth.require(Role.ADMIN)).handler(this::update);
        api.delete("/webhooks/:id").handler(Auth.require(Role.ADMIN)).handler(this::delete);
        api.get("/webhooks/:id/dead-letters").handler(Auth.require(Role.ADMIN)).handler(this::deadLetters);
        api.post("/webhooks/:id/test").handler(Auth.require(Role.ADMIN)).handler(this::test);
    }

    private void list(RoutingContext ctx) {
        long district = district(Auth.principal(ctx));
        blocking.run(() -> admin.repository().listVisible(district)).onSuccess(l -> Json.send(ctx, 200,
                Map.of("items", l.stream().map(i -> view(i, district)).toList(), "count", l.size()))).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long district = district(who);
        WebhookBody b = Json.body(ctx, WebhookBody.class);
        String url = url(b.url(), true);
        String secret = secret(b.secret(), true);
        if (b.districtId() != null && b.districtId() != district) {
            throw new ApiError(403, "forbidden", "administrators manage the webhooks of their own district only (" + district + ")", "districtId");
        }
        blocking.run(() -> admin.create(who, district, url, secret, b.active() == null || b.active())).onSuccess(i -> {
            ctx.response().putHeader("Location", "/api/v1/webhooks/" + i.id());
            Json.send(ctx, 201, view(i, district));
        }).onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        long district = district(Auth.principal(ctx));
        long id = PathIds.id(ctx);
        blocking.run(() -> visible(id, district)).onSuccess(i -> Json.send(ctx, 200, view(i, district))).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long district = district(who);
        long id = PathIds.id(ctx);
        WebhookBody b = Json.body(ctx, WebhookBody.class);
        String url = url(b.url(), false);
        String secret = secret(b.secret(), false);
        blocking.run(() -> {
            WebhookRepository.Info current = modifiable(id, district);
            if (b.districtId() != null && !b.districtId().equals(current.districtId())) {
                throw ApiError.badRequest("invalid_field", "field 'districtId' cannot be changed; create a webhook for the other district",
                        "districtId");
            }
            return admin.update(who, id, url, secret, b.active());
        }).onSuccess(i -> Json.send(ctx, 200, view(i, district))).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long district = district(who);
        long id = PathIds.id(ctx);
        blocking.run(() -> {
            modifiable(id, district);
            admin.delete(who, id);
            return null;
        }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private void deadLetters(RoutingContext ctx) {
        long district = district(Auth.principal(ctx));
        long id = PathIds.id(ctx);
        int limit = number(ctx, "limit", 50, 1, 500);
        int offset = number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        blocking.run(() -> {
            visible(id, district);
            return admin.repository().deadLetters(id, district, limit, offset);
        }).onSuccess(p -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", p.items().stream().map(d -> {
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
            }).toList());
            body.put("total", p.total());
            body.put("limit", limit);
            body.put("offset", offset);
            Json.send(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    private void test(RoutingContext ctx) {
        long district = district(Auth.principal(ctx));
        long id = PathIds.id(ctx);
        blocking.run(() -> {
            modifiable(id, district);
            return admin.test(id, clock.instant());
        }).onSuccess(r -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("delivered", r.delivered());
            body.put("status", r.status());
            body.put("error", r.error());
            body.put("millis", r.millis());
            Json.send(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    // ---- helpers ----

    private WebhookRepository.Info visible(long id, long district) throws java.sql.SQLException {
        WebhookRepository.Info i = admin.repository().find(id).orElseThrow(() -> new NotFoundException("webhook " + id + " not found"));
        if (i.districtId() != null && i.districtId() != district) {
            throw new NotFoundException("webhook " + id + " not found");
        }
        return i;
    }

    private WebhookRepository.Info modifiable(long id, long district) throws java.sql.SQLException {
        WebhookRepository.Info i = visible(id, district);
        if (i.districtId() == null) {
            throw new ApiError(403, "forbidden", "webhook " + id + " serves every district; it is managed by the operator", null);
        }
        return i;
    }

    private static Object payload(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json;
        }
    }

    static Map<String, Object> view(WebhookRepository.Info i, long district) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("districtId", i.districtId());
        m.put("url", i.url());
        m.put("active", i.active());
        m.put("secretFingerprint", i.secretFingerprint());
        m.put("readOnly", i.districtId() == null || i.districtId() != district);
        m.put("createdAt", i.createdAt());
        m.put("updatedAt", i.updatedAt());
        return m;
    }

    private static long district(Principal who) {
        if (who.districtId() == null) {
            throw ApiError.forbidden();
        }
        return who.districtId();
    }

    static String url(String raw, boolean required) {
        if (raw == null) {
            if (required) {
                throw ApiError.badRequest("invalid_field", "field 'url' is required", "url");
            }
            return null;
        }
        String u = raw.strip();
        if (u.isEmpty() || u.length() > MAX_URL || u.chars().anyMatch(ch -> ch <= 0x20 || ch == 0x7f)) {
            throw ApiError.badRequest("invalid_field", "field 'url' must be an http or https URL of at most " + MAX_URL
                    + " characters without spaces or control characters", "url");
        }
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw ApiError.badRequest("invalid_field", "field 'url' must start with http:// or https://", "url");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw ApiError.badRequest("invalid_field", "field 'url' must name a host", "url");
            }
            if (uri.getRawUserInfo() != null) {
                throw ApiError.badRequest("invalid_field", "field 'url' must not carry credentials; the secret signs each delivery", "url");
            }
            return u;
        } catch (URISyntaxException e) {
            throw ApiError.badRequest("invalid_field", "field 'url' is not a valid URL", "url");
        }
    }

    static String secret(String raw, boolean required) {
        if (raw == null) {
            if (required) {
                throw ApiError.badRequest("invalid_field", "field 'secret' is required (at least " + MIN_SECRET + " characters)", "secret");
            }
            return null;
        }
        if (raw.length() < MIN_SECRET || raw.length() > MAX_SECRET || raw.chars().anyMatch(Character::isISOControl)) {
            // Never echo the secret.
            throw ApiError.badRequest("invalid_field", "field 'secret' must be " + MIN_SECRET + " to " + MAX_SECRET
                    + " characters without control characters", "secret");
        }
        return raw;
    }

    private static int number(RoutingContext ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParams().get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be a whole number from " + min + " to " + max, name);
    }
}
