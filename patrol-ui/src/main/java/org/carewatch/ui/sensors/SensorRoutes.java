package org.carewatch.ui.sensors;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.carewatch.core.sensors.SensorInput;
import org.carewatch.core.sensors.SensorService;
import org.carewatch.core.users.Principal;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiFeature;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;
import org.carewatch.ui.http.PathIds;
import org.carewatch.ui.http.QueryParams;

/**
 * Sensors: {@code /api/v1/centres/{id}/sensors} (list, register), {@code /api/v1/sensors/{id}},
 * {@code .../latest}, {@code .../readings?from&to&bucket} and {@code POST .../mqtt-password}. Who may do what is
 * {@link SensorService}'s rule. A registration's answer is the sensor with its device's MQTT login under
 * {@code "mqtt"}, the only time the password is shown.
 */
public final class SensorRoutes implements ApiFeature {
    private final SensorService sensors;
    private final Blocking blocking;

    public SensorRoutes(SensorService sensors, Blocking blocking) {
        this.sensors = sensors;
        this.blocking = blocking;
    }

    @Override
    public void mount(Router api) {
        api.get("/centres/:id/sensors").handler(this::list);
        api.post("/centres/:id/sensors").handler(this::create);
        api.get("/sensors/:id").handler(this::read);
        api.get("/sensors/:id/latest").handler(this::latest);
        api.get("/sensors/:id/readings").handler(this::series);
        api.post("/sensors/:id/mqtt-password").handler(this::newMqttPassword);
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        blocking.run(() -> sensors.list(who, centreId))
                .onSuccess(list -> Json.send(ctx, 200, Map.of("items", list, "count", list.size()))).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = PathIds.id(ctx);
        SensorInput in = Json.body(ctx, SensorInput.class);
        blocking.run(() -> sensors.register(who, centreId, in)).onSuccess(r -> {
            ctx.response().putHeader("Location", "/api/v1/sensors/" + r.sensor().id());
            ctx.response().putHeader("Cache-Control", "no-store");
            @SuppressWarnings("unchecked")
            Map<String, Object> body = Json.MAPPER.convertValue(r.sensor(), LinkedHashMap.class);
            body.put("mqtt", Map.of("username", r.mqtt().username(), "password", r.mqtt().password()));
            Json.send(ctx, 201, body);
        }).onFailure(ctx::fail);
    }

    private void newMqttPassword(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> sensors.newMqttPassword(who, id)).onSuccess(login -> {
            ctx.response().putHeader("Cache-Control", "no-store");
            Json.send(ctx, 200, Map.of("sensorId", id, "mqtt", Map.of("username", login.username(), "password", login.password())));
        }).onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> sensors.visible(who, id)).onSuccess(s -> Json.send(ctx, 200, s)).onFailure(ctx::fail);
    }

    private void latest(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        blocking.run(() -> sensors.latest(who, id)).onSuccess(latest -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sensorId", latest.sensor().id());
            body.put("values", latest.values());
            var event = latest.lastDeviceEvent();
            body.put("online", event.map(e -> (Object) e.online()).orElse(null));
            body.put("onlineChangedAt", event.map(e -> (Object) e.time()).orElse(null));
            Json.send(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    private void series(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx);
        Instant to = QueryParams.instant(ctx, "to", Instant.now());
        Instant from = QueryParams.instant(ctx, "from", to.minus(Duration.ofHours(24)));
        Duration bucket = "auto".equals(QueryParams.raw(ctx, "bucket")) ? null : QueryParams.duration(ctx, "bucket");
        blocking.run(() -> sensors.readings(who, id, from, to, bucket)).onSuccess(series -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", series.from());
            body.put("to", series.to());
            body.put("bucket", series.bucket() == null ? null : series.bucket().toString()); // ISO-8601, e.g. PT1H
            body.put("source", series.source());
            body.put("points", series.points());
            Json.send(ctx, 200, body);
        }).onFailure(ctx::fail);
    }
}
