package org.carewatch.ui.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.lifecycle.AlertText;
import org.carewatch.alerts.lifecycle.NoticeScope;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.users.Principal;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.console.Console;
import org.carewatch.ui.console.Shell;
import org.carewatch.ui.session.SessionCookies;

/**
 * {@code GET /events/alerts}: the console pages' live stream (htmx's SSE extension), scoped like the API's
 * stream by {@link AlertService#liveScope}. For each alert change in scope it sends {@code alert} (lists
 * re-read themselves) and {@code alert-ID} (that alert's page re-reads itself); a new alert also comes as a
 * rendered {@code notice} for the page's live region, and a new critical one as {@code critical} (badge and
 * sound). The stream ends when the session does (checked with each keep-alive).
 */
public final class AlertLiveEvents {
    private static final long HEARTBEAT_MS = 15_000;

    private final Vertx vertx;
    private final AlertService alerts;
    private final CentreService centres;
    private final Console console;

    AlertLiveEvents(Vertx vertx, AlertService alerts, CentreService centres, Console console) {
        this.vertx = vertx;
        this.alerts = alerts;
        this.centres = centres;
        this.console = console;
    }

    /** The model of alerts/notice.jte. */
    public record Notice(Shell shell, long id, String title, String severity, String severityLabel, String centre) {
    }

    void handle(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        NoticeScope scope = alerts.liveScope(who);
        Shell shell = console.shell(ctx, "alerts.title");
        Locale locale = shell.m().locale();
        String sessionId = SessionCookies.read(ctx);
        console.blocking().run(() -> AlertPages.names(centres.list(who, true))).onSuccess(names -> {
            HttpServerResponse res = ctx.response();
            res.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8").putHeader("Cache-Control", "no-store")
                    .putHeader("X-Accel-Buffering", "no");
            res.write(": connected\n\n");
            MessageConsumer<String> consumer = vertx.eventBus().consumer(EventBusAlertPublisher.ADDRESS, m -> {
                JsonObject n = new JsonObject(m.body());
                Long district = n.getLong("districtId");
                Long centre = n.getLong("centreId");
                if (district == null || centre == null || !scope.covers(district, centre, n.getBoolean("districtOnly", false)) || res.closed() || res.ended() || res.writeQueueFull()) {
                    return;
                }
                send(res, n, names, shell, locale);
            });
            // Signed out (on any node): the page stops listening at once; a timed-out session is found by the heartbeat.
            String credential = org.carewatch.core.users.ConsoleSessions.credentialId(sessionId);
            MessageConsumer<String> revoked = vertx.eventBus().consumer(org.carewatch.ui.auth.StreamSessions.REVOKED_ADDRESS, m -> {
                if (credential.equals(m.body()) && !res.closed() && !res.ended()) {
                    res.end();
                }
            });
            AtomicBoolean checking = new AtomicBoolean();
            long timer = vertx.setPeriodic(HEARTBEAT_MS, t -> {
                if (res.closed() || res.ended() || !checking.compareAndSet(false, true)) {
                    return;
                }
                console.blocking().run(() -> console.sessions().service().active(sessionId)).onComplete(r -> {
                    checking.set(false);
                    if (r.succeeded() && !r.result()) {
                        res.end(); // signed out or timed out: the page stops listening
                    } else if (!res.closed() && !res.ended()) {
                        res.write(": keep-alive\n\n");
                    }
                });
            });
            res.closeHandler(v -> {
                consumer.unregister();
                revoked.unregister();
                vertx.cancelTimer(timer);
            });
            res.endHandler(v -> {
                consumer.unregister();
                revoked.unregister();
                vertx.cancelTimer(timer);
            });
        }).onFailure(ctx::fail);
    }

    private void send(HttpServerResponse res, JsonObject n, Map<Long, String> names, Shell shell, Locale locale) {
        JsonObject a = n.getJsonObject("alert");
        long id = a.getLong("id");
        String event = n.getString("event");
        StringBuilder out = new StringBuilder();
        out.append("event: alert\ndata: ").append(id).append("\n\n");
        out.append("event: alert-").append(id).append("\ndata: ").append(id).append("\n\n");
        if ("alert.raised".equals(event)) {
            String severity = a.getString("severity");
            JsonObject detail = a.getJsonObject("detail");
            String title = AlertText.title(a.getString("kind"), detail == null ? null : detail.getString("metric"), locale);
            Notice notice = new Notice(shell, id, title, severity, AlertText.word("severity." + severity, locale),
                    names.getOrDefault(n.getLong("centreId"), "#" + n.getLong("centreId")));
            String html = console.renderToString("alerts/notice.jte", notice).replace('\n', ' ').replace('\r', ' ');
            out.append("event: notice\ndata: ").append(html).append("\n\n");
            if ("critical".equals(severity)) {
                out.append("event: critical\ndata: ").append(id).append("\n\n");
            }
        }
        res.write(out.toString());
    }
}
