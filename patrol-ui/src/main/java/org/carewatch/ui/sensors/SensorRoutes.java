package org.carewatch.ui.sensors;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.readings.ReadingQueries;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.core.sensors.SensorInput;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;

/**
 * Sensors: {@code /api/v1/centres/{id}/sensors} (list; register: admin, or facility staff for their own
 * centre), {@code /api/v1/sensors/{id}}, {@code .../latest} and {@code .../readings?from&to&bucket}
 * (every role, within its scope).
 */
public final class SensorRoutes {
    private final SensorRepository sensors;
    private final CentreRepository centres;
    private final ReadingQueries readings;
    private final Blocking blocking;
    private final Runnable registryChanged;

    /** @param registryChanged told after a sensor is registered (the telemetry router re-reads the registry) */
    public SensorRoutes(SensorRepository sensors, CentreRepository centres, ReadingQueries readings, Blocking blocking,
                        Runnable registryChanged) {
        this.sensors = sensors;
        this.centres = centres;
        this.readings = readings;
        this.blocking = blocking;
        this.registryChanged = registryChanged;
    }

    public void mount(Router api) {
        api.get("/centres/:id/sensors").handler(Auth.require(Role.values())).handler(this::list);
        api.post("/centres/:id/sensors").handler(Auth.require(Role.ADMIN, Role.FACILITY)).handler(this::create);
        api.get("/sensors/:id").handler(Auth.require(Role.values())).handler(this::read);
        api.get("/sensors/:id/latest").handler(Auth.require(Role.values())).handler(this::latest);
        api.get("/sensors/:id/readings").handler(Auth.require(Role.values())).handler(this::series);
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = id(ctx);
        blocking.run(() -> {
            centres.visible(who, centreId);
            return sensors.listByCentre(centreId);
        }).onSuccess(list -> Json.send(ctx, 200, Map.of("items", list, "count", list.size()))).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long centreId = id(ctx);
        SensorInput in = Json.body(ctx, SensorInput.class);
        blocking.run(() -> {
            centres.visible(who, centreId);
            return sensors.create(centreId, in);
        }).onSuccess(s -> {
            registryChanged.run();
            ctx.response().putHeader("Location", "/api/v1/sensors/" + s.id());
            Json.send(ctx, 201, s);
        }).onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = id(ctx);
        blocking.run(() -> visible(who, id)).onSuccess(s -> Json.send(ctx, 200, s)).onFailure(ctx::fail);
    }

    private void latest(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = id(ctx);
        blocking.run(() -> {
            Sensor s = visible(who, id);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sensorId", s.id());
            body.put("values", readings.latest(s.id()));
            var event = readings.lastDeviceEvent(s.id());
            body.put("online", event.map(e -> (Object) e.online()).orElse(null));
            body.put("onlineChangedAt", event.map(e -> (Object) e.time()).orElse(null));
            return body;
        }).onSuccess(b -> Json.send(ctx, 200, b)).onFailure(ctx::fail);
    }

    private void series(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = id(ctx);
        Instant to = instant(ctx, "to", Instant.now());
        Instant from = instant(ctx, "from", to.minus(Duration.ofHours(24)));
        Duration bucket = bucket(ctx);
        blocking.run(() -> {
            Sensor s = visible(who, id);
            return readings.series(s.id(), from, to, bucket);
        }).onSuccess(series -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", series.from());
            body.put("to", series.to());
            body.put("bucket", series.bucket() == null ? null : series.bucket().toString()); // ISO-8601, e.g. PT1H
            body.put("source", series.source());
            body.put("points", series.points());
            Json.send(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    private Sensor visible(Principal who, long id) throws java.sql.SQLException {
        Sensor s = sensors.find(id).orElseThrow(() -> new NotFoundException("sensor " + id + " not found"));
        Centre c = centres.find(s.centreId()).orElseThrow(() -> new NotFoundException("sensor " + id + " not found"));
        if (!who.canSee(c.districtId(), c.id())) {
            throw new NotFoundException("sensor " + id + " not found");
        }
        return s;
    }

    private static Instant instant(RoutingContext ctx, String name, Instant fallback) {
        String raw = ctx.queryParams().get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_field", "query parameter '" + name + "' must be an ISO-8601 time such as 2026-01-05T08:00:00Z", name);
        }
    }

    private static Duration bucket(RoutingContext ctx) {
        String raw = ctx.queryParams().get("bucket");
        if (raw == null || raw.isBlank() || raw.equals("auto")) {
            return null;
        }
        try {
            return Duration.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_field", "query parameter 'bucket' must be an ISO-8601 duration such as PT5M or PT1H", "bucket");
        }
    }

    private static long id(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ApiError.badRequest("invalid_field", "path parameter 'id' must be a positive whole number, got '" + raw + "'", "id");
    }
}
