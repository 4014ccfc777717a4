package org.carewatch.ui.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.carewatch.alerts.history.AlertHistory;
import org.carewatch.alerts.history.AlertQuery;
import org.carewatch.alerts.lifecycle.ActionInput;
import org.carewatch.alerts.lifecycle.AlertAction;
import org.carewatch.alerts.lifecycle.Photo;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.lifecycle.AlertText;
import org.carewatch.alerts.lifecycle.Finding;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.alerts.model.AlertViews;
import org.carewatch.core.users.Principal;
import org.carewatch.profiles.sensor.Severity;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.Json;

/**
 * {@code /api/v1/alerts}: history with filters and pages, one alert with its events, the lifecycle
 * actions, patrol findings, CSV export, weekly counts and the live stream. Routes only: each parses the
 * request, calls one method of {@link AlertService} or {@link AlertHistory} (which check role and scope;
 * out of scope reads as 404) and writes the answer.
 */
public final class AlertRoutes implements org.carewatch.ui.http.ApiFeature {
    private final AlertService alerts;
    private final AlertHistory history;
    private final Blocking blocking;
    private final AlertStreamRoute stream;

    public AlertRoutes(Vertx vertx, AlertService alerts, AlertHistory history, Blocking blocking) {
        this.alerts = alerts;
        this.history = history;
        this.blocking = blocking;
        this.stream = new AlertStreamRoute(vertx, alerts);
    }

    public void mount(Router api) {
        // Fixed paths first: ":id" would also match them.
        api.get("/alerts/stream").handler(stream::handle);
        api.get("/alerts/export.csv").handler(this::export);
        api.get("/alerts/counts").handler(this::counts);
        api.get("/alerts").handler(this::list);
        api.post("/alerts").handler(this::finding);
        api.get("/alerts/:id").handler(this::read);
        api.get("/alerts/:id/attachments/:attachment").handler(this::attachment);
        api.post("/alerts/:id/:action").handler(this::act);
    }

    private void list(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        AlertQuery q = query(ctx, 50);
        Locale locale = locale(ctx);
        blocking.run(() -> history.list(who, q)).onSuccess(p -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", p.items().stream().map(a -> view(a, locale)).toList());
            body.put("total", p.total());
            body.put("limit", q.limit());
            body.put("offset", q.offset());
            Json.send(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = id(ctx, "id");
        Locale locale = locale(ctx);
        blocking.run(() -> alerts.detail(who, id)).onSuccess(d -> {
            Map<String, Object> body = view(d.alert(), locale);
            body.put("events", d.events().stream().map(AlertViews::of).toList());
            // What the caller may do now (the console shows exactly these).
            body.put("actions", d.actions().stream().map(AlertAction::id).toList());
            Json.send(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    private void attachment(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = id(ctx, "id");
        long att = id(ctx, "attachment");
        blocking.run(() -> alerts.attachment(who, id, att))
                .onSuccess(a -> ctx.response().putHeader("Content-Type", a.contentType()).end(Buffer.buffer(a.data()))).onFailure(ctx::fail);
    }

    private void finding(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        FindingBody b = Json.body(ctx, FindingBody.class);
        Finding f = new Finding(b.centreId(), b.kind(), b.severity(), b.title(), b.text());
        blocking.run(() -> alerts.recordFinding(who, f)).onSuccess(a -> {
            ctx.response().putHeader("Location", "/api/v1/alerts/" + a.id());
            Json.send(ctx, 201, view(a, locale(ctx)));
        }).onFailure(ctx::fail);
    }

    private void act(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        long id = id(ctx, "id");
        String action = ctx.pathParam("action");
        var raw = ctx.body().buffer();
        AlertActionBody b = raw == null || raw.length() == 0 ? new AlertActionBody(null, null, null, null, null)
                : Json.body(ctx, AlertActionBody.class);
        ActionInput in = new ActionInput(b.note(), b.text(), b.photoContentType(), decodePhoto(b.photo(), "photo"));
        if (b.photos() != null) {
            for (int i = 0; i < b.photos().size(); i++) {
                in = in.withPhoto(new Photo(null, decodePhoto(b.photos().get(i), "photos[" + i + "]")));
            }
        }
        ActionInput input = in;
        Locale locale = locale(ctx);
        blocking.run(() -> alerts.act(who, id, action, input)).onSuccess(r -> Json.send(ctx, 200,
                r.comment() != null ? new LinkedHashMap<>(AlertViews.of(r.comment())) : view(r.alert(), locale))).onFailure(ctx::fail);
    }

    private void export(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        AlertQuery q = query(ctx, AlertQuery.MAX_LIMIT);
        HttpServerResponse res = ctx.response();
        blocking.run(() -> {
            // The headers go out with the first chunk, so a refusal before it is still a plain JSON error.
            try (Writer w = new ResponseWriter(res)) {
                return history.exportCsv(who, q, w);
            }
        }).onSuccess(n -> res.end()).onFailure(e -> {
            if (res.headWritten()) {
                res.reset(); // the client sees a broken download, never a truncated file that looks complete
            } else {
                ctx.fail(e);
            }
        });
    }

    private void counts(RoutingContext ctx) {
        Principal who = Auth.principal(ctx);
        AlertQuery q = query(ctx, AlertQuery.MAX_LIMIT);
        blocking.run(() -> history.weeklyCounts(who, q))
                .onSuccess(l -> Json.send(ctx, 200, Map.of("items", l))).onFailure(ctx::fail);
    }

    // ---- helpers ----

    static Map<String, Object> view(Alert a, Locale locale) {
        Map<String, Object> m = AlertViews.of(a);
        m.put("localisedTitle", AlertText.title(a.kind(), (String) a.detail().get("metric"), locale));
        return m;
    }

    static Locale locale(RoutingContext ctx) {
        String h = ctx.request().getHeader("Accept-Language");
        return h != null && h.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : AlertText.ZH;
    }

    static AlertQuery query(RoutingContext ctx, int defaultLimit) {
        var p = ctx.queryParams();
        Long centre = p.get("centre") == null ? null : parseId(p.get("centre"), "centre");
        Instant from = instant(p.get("from"), "from");
        Instant to = instant(p.get("to"), "to");
        String kind = p.get("kind");
        Severity severity = p.get("severity") == null ? null : enumValue(Severity.class, p.get("severity"), "severity");
        AlertState state = p.get("state") == null ? null : enumValue(AlertState.class, p.get("state"), "state");
        AlertSource source = p.get("source") == null ? null : enumValue(AlertSource.class, p.get("source"), "source");
        int limit = p.get("limit") == null ? defaultLimit : (int) parseNumber(p.get("limit"), "limit");
        int offset = p.get("offset") == null ? 0 : (int) parseNumber(p.get("offset"), "offset");
        return new AlertQuery(centre, from, to, kind, severity, state, source, limit, offset);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String raw, String field) {
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw ApiError.badRequest("invalid_field", "'" + field + "' must be one of " + allowed + ", got '" + raw + "'", field);
        }
    }

    private static Instant instant(String raw, String field) {
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_field", "'" + field + "' must be an ISO-8601 instant such as 2026-01-31T00:00:00Z", field);
        }
    }

    private static long parseNumber(String raw, String field) {
        try {
            long v = Long.parseLong(raw);
            if (v >= 0 && v <= Integer.MAX_VALUE) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ApiError.badRequest("invalid_field", "'" + field + "' must be a whole number, got '" + raw + "'", field);
    }

    private static long parseId(String raw, String field) {
        long v = parseNumber(raw, field);
        if (v == 0) {
            throw ApiError.badRequest("invalid_field", "'" + field + "' must be a positive whole number", field);
        }
        return v;
    }

    static long id(RoutingContext ctx, String name) {
        return parseId(ctx.pathParam(name), name);
    }

    private static byte[] decodePhoto(String b64, String field) {
        if (b64 == null || b64.isEmpty()) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid_field", "'" + field + "' must be base64", field);
        }
    }

    /**
     * Writes CSV into the chunked response from a worker thread in 64 KiB pieces, waiting while the
     * client is slow (the response's write queue is full) instead of buffering the whole export. The CSV
     * headers are set with the first piece, so a refusal before any row is still a JSON error.
     */
    private static final class ResponseWriter extends Writer {
        private final HttpServerResponse res;
        private final StringBuilder buf = new StringBuilder();

        ResponseWriter(HttpServerResponse res) {
            this.res = res;
        }

        @Override
        public void write(char[] c, int off, int len) throws IOException {
            buf.append(c, off, len);
            if (buf.length() >= 64 * 1024) {
                flush();
            }
        }

        @Override
        public void flush() throws IOException {
            if (buf.isEmpty()) {
                return;
            }
            if (res.closed()) {
                throw new IOException("client went away");
            }
            if (!res.headWritten()) {
                res.setChunked(true).putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"alerts.csv\"");
            }
            while (res.writeQueueFull()) {
                CountDownLatch drained = new CountDownLatch(1);
                res.drainHandler(v -> drained.countDown());
                try {
                    if (!drained.await(30, TimeUnit.SECONDS)) {
                        throw new IOException("client stopped reading");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
            res.write(Buffer.buffer(buf.toString().getBytes(StandardCharsets.UTF_8)));
            buf.setLength(0);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
