package org.carewatch.ui.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.lifecycle.NoticeScope;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.auth.StreamSessions;

/**
 * {@code GET /api/v1/alerts/stream}: server-sent events of alert notices within the caller's scope
 * ({@link AlertService#liveScope}: what the caller could read), with a comment line every 15 s to keep
 * proxies from closing an idle stream. The stream ends (after a last {@code session-ended} event) when the
 * token it was opened with is revoked or expires ({@link StreamSessions}).
 */
final class AlertStreamRoute {
    private static final long HEARTBEAT_MS = 15_000;

    private final Vertx vertx;
    private final AlertService alerts;
    private final StreamSessions sessions;
    private final AtomicLong ids = new AtomicLong();

    AlertStreamRoute(Vertx vertx, AlertService alerts, StreamSessions sessions) {
        this.vertx = vertx;
        this.alerts = alerts;
        this.sessions = sessions;
    }

    void handle(RoutingContext ctx) {
        NoticeScope scope = alerts.liveScope(Auth.principal(ctx));
        HttpServerResponse res = ctx.response();
        res.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        res.write(": connected\n\n");
        MessageConsumer<String> consumer = vertx.eventBus().consumer(EventBusAlertPublisher.ADDRESS, m -> {
            JsonObject n = new JsonObject(m.body());
            Long district = n.getLong("districtId");
            Long centre = n.getLong("centreId");
            if (district == null || centre == null || !scope.covers(district, centre, n.getBoolean("districtOnly", false)) || res.closed() || res.ended()) {
                return;
            }
            if (res.writeQueueFull()) {
                return; // a console that cannot keep up misses live events; it re-reads the list
            }
            JsonObject out = n.copy();
            JsonObject centreAlert = (JsonObject) out.remove("centreAlert");
            JsonObject centreExtra = (JsonObject) out.remove("centreExtra");
            if (!scope.districtView()) {
                out.put("alert", centreAlert).put("extra", centreExtra);
            }
            res.write("id: " + ids.incrementAndGet() + "\nevent: " + n.getString("event") + "\ndata: " + out.encode() + "\n\n");
        });
        long timer = vertx.setPeriodic(HEARTBEAT_MS, t -> {
            if (!res.closed() && !res.ended()) {
                res.write(": keep-alive\n\n");
            }
        });
        StreamSessions.Handle session = sessions.open(ctx, reason -> {
            consumer.unregister();
            vertx.cancelTimer(timer);
            if (!res.closed() && !res.ended()) {
                res.end("event: session-ended\ndata: {\"reason\":\"" + reason + "\"}\n\n");
            }
        });
        res.closeHandler(v -> {
            consumer.unregister();
            vertx.cancelTimer(timer);
            session.close();
        });
    }

}
