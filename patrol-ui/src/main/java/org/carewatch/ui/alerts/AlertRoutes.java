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
import org.carewatch.ui.http.PathIds;
import org.carewatch.ui.http.QueryParams;

/**
 * {@code /api/v1/alerts}: history with filters and pages, one alert with its events, the lifecycle
 * actions, patrol findings, CSV export, weekly counts and the live stream. Routes only: each parses the
 * request, calls one method of {@link AlertService} or {@link AlertHistory} (which check role and scope;
 * out of scope reads as 404) and writes the answer.
 */
public final class AlertRoutes implements org.carewatch.ui.http.ApiFeature {
    /** Deepest page a history request may ask for (offset paging; narrow the filters beyond it). */
    static final int MAX_OFFSET = 1_000_000;

    private final AlertService alerts;
    private final AlertHistory history;
    private final Blocking blocking;
    private final AlertStreamRoute stream;

    public AlertRoutes(Vertx vertx, AlertService alerts, AlertHistory history, Blocking blocking, org.carewatch.ui.auth.StreamSessions sessions) {
        this.alerts = alerts;
        this.history = history;
        this.blocking = blocking;
        this.stream = new AlertStreamRoute(vertx, alerts, sessions);
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

    /**
     * An answer may carry up to {@link AlertService#MAX_PHOTOS} photos of up to {@link AlertService#MAX_PHOTO_BYTES}
     * each as base64 in the JSON (4/3 of their size) with its text: that route's body may be that plus 256 KiB. A
     * photo a little larger is refused by the service (400 naming {@code photo}), a body beyond this by a 413 naming it.
     */
    static final long PHOTO_BODY_BYTES = (long) AlertService.MAX_PHOTOS * ((AlertService.MAX_PHOTO_BYTES + 2L) / 3 * 4) + 256 * 1024;

    @Override
    public java.util.List<org.carewatch.ui.http.BodyLimits.Large> largeBodies() {
        return java.util.List.of(new org.carewatch.ui.http.BodyLimits.Large(io.vertx.core.http.HttpMethod.POST, "/alerts/[^/]+/(answer|comment)",
                PHOTO_BODY_BYTES, "photo", "at most " + AlertService.MAX_PHOTOS + " photos of " + AlertService.MAX_PHOTO_BYTES / 1024 + " KiB each"));
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
            // The headers go out with the first 64 KiB, so a refusal before it (bad input, scope, the
            // database) is still a plain JSON error: nothing is flushed unless the export succeeds so far.
            ResponseWriter w = new ResponseWriter(res);
            long n = history.exportCsv(who, q, w);
            w.flush();
            return n;
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

    /**
     * The filters and page of a history request, every parameter checked before anything is read or
     * written (the CSV export's first byte included): a 400 naming the parameter and its allowed range.
     */
    static AlertQuery query(RoutingContext ctx, int defaultLimit) {
        Long centre = QueryParams.id(ctx, "centre");
        Instant from = QueryParams.instant(ctx, "from");
        Instant to = QueryParams.instant(ctx, "to");
        String kind = QueryParams.text(ctx, "kind", 100);
        Severity severity = QueryParams.enumValue(ctx, "severity", Severity.class);
        AlertState state = QueryParams.enumValue(ctx, "state", AlertState.class);
        AlertSource source = QueryParams.enumValue(ctx, "source", AlertSource.class);
        int limit = QueryParams.intValue(ctx, "limit", defaultLimit, 1, AlertQuery.MAX_LIMIT);
        int offset = QueryParams.intValue(ctx, "offset", 0, 0, MAX_OFFSET);
        return new AlertQuery(centre, from, to, kind, severity, state, source, limit, offset);
    }

    static long id(RoutingContext ctx, String name) {
        return PathIds.id(ctx, name);
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

        /** Flushes nothing: only a successful export is flushed (by the caller), a failed one is answered as an error. */
        @Override
        public void close() {
        }
    }
}
