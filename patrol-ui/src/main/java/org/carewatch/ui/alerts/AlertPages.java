package org.carewatch.ui.alerts;

import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.carewatch.alerts.history.AlertHistory;
import org.carewatch.alerts.lifecycle.ActionInput;
import org.carewatch.alerts.lifecycle.AlertDetail;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.lifecycle.AlertText;
import org.carewatch.alerts.lifecycle.Photo;
import org.carewatch.alerts.model.AlertEvent;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.profiles.sensor.Severity;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.console.Console;
import org.carewatch.ui.console.ConsoleFeature;
import org.carewatch.ui.console.NavEntry;
import org.carewatch.ui.console.Option;
import org.carewatch.ui.console.Shell;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.ErrorHandler;
import org.carewatch.ui.i18n.Messages;

/**
 * The alert pages for every role in its scope: {@code /alerts} (filters, pages, live refresh) and
 * {@code /alerts/{id}} (timeline and the actions the service allows the caller), with their form posts
 * ({@code /alerts/{id}/act}, {@code /comment}, {@code /answer} with photos) and the page's live stream
 * {@code /events/alerts}. Handlers parse, call the alerts services (which check role and scope) and render.
 */
public final class AlertPages implements ConsoleFeature {
    private static final Set<String> STEPS = Set.of("ack", "resolve", "close", "reopen");

    private final Vertx vertx;
    private final AlertService alerts;
    private final AlertHistory history;
    private final CentreService centres;
    private final Path uploads;

    /** @param uploads folder where uploaded photos wait until the request ends (deleted then) */
    public AlertPages(Vertx vertx, AlertService alerts, AlertHistory history, CentreService centres, Path uploads) {
        this.vertx = vertx;
        this.alerts = alerts;
        this.history = history;
        this.centres = centres;
        this.uploads = uploads;
    }

    @Override
    public List<NavEntry> nav() {
        return List.of(new NavEntry("/alerts", "nav.alerts", EnumSet.allOf(Role.class)));
    }

    @Override
    public void mount(Router root, Console c) {
        // Answers carry up to three photos: this form reads its larger body (uploads to disk, deleted when the request
        // ends) before the general body handler, which then leaves it alone. The API's JSON answer declares its own
        // limit (AlertRoutes.largeBodies).
        long answerLimit = (long) AlertService.MAX_PHOTOS * AlertService.MAX_PHOTO_BYTES * 4 / 3 + 256 * 1024;
        root.post("/alerts/:id/answer").order(-1).handler(BodyHandler.create(uploads.toString()).setBodyLimit(answerLimit)
                .setDeleteUploadedFilesOnEnd(true).setHandleFileUploads(true));
        root.get("/events/alerts").handler(c.signedIn()).handler(new AlertLiveEvents(vertx, alerts, centres, c)::handle)
                .failureHandler(c.errors());
        root.get("/alerts").handler(c.signedIn()).handler(ctx -> list(ctx, c)).failureHandler(c.errors());
        root.get("/alerts/:id").handler(c.signedIn()).handler(ctx -> detail(ctx, c, null, null, 200)).failureHandler(c.errors());
        root.post("/alerts/:id/act").handler(c.signedIn()).handler(ctx -> step(ctx, c)).failureHandler(c.errors());
        root.post("/alerts/:id/comment").handler(c.signedIn()).handler(ctx -> comment(ctx, c)).failureHandler(c.errors());
        root.post("/alerts/:id/answer").handler(c.signedIn()).handler(ctx -> answer(ctx, c)).failureHandler(c.errors());
    }

    // ---- list ----

    private record ListData(AlertHistory.Page page, List<Centre> centres) {
    }

    private void list(RoutingContext ctx, Console c) {
        Principal who = Auth.principal(ctx);
        AlertFilters f = AlertFilters.parse(ctx);
        var q = f.query(c.zone());
        c.blocking().run(() -> new ListData(history.list(who, q), centres.list(who, true))).onSuccess(d -> {
            Shell shell = c.shell(ctx, "alerts.title");
            Locale locale = shell.m().locale();
            Map<Long, String> names = names(d.centres());
            List<AlertRow> rows = d.page().items().stream().map(a -> AlertRow.of(a, locale, names.get(a.centreId()))).toList();
            int pages = (int) Math.max(1, (d.page().total() + AlertFilters.PAGE_SIZE - 1) / AlertFilters.PAGE_SIZE);
            List<Option> centreOptions = d.centres().stream()
                    .map(x -> new Option(Long.toString(x.id()), x.name(), f.centre() != null && f.centre() == x.id())).toList();
            List<Option> kinds = AlertText.kinds().stream()
                    .map(k -> new Option(k, AlertText.title(k, locale), k.equals(f.kind()))).toList();
            List<Option> severities = java.util.Arrays.stream(Severity.values())
                    .map(s -> new Option(s.id(), AlertText.word("severity." + s.id(), locale), s == f.severity())).toList();
            List<Option> states = java.util.Arrays.stream(AlertState.values())
                    .map(s -> new Option(s.id(), AlertText.word("state." + s.id(), locale), s == f.state())).toList();
            c.render(ctx, 200, "alerts/list.jte", new AlertListPage(shell, f, rows, d.page().total(), f.page(), pages, centreOptions, kinds,
                    severities, states));
        }).onFailure(ctx::fail);
    }

    // ---- detail ----

    private record DetailData(AlertDetail detail, Centre centre) {
    }

    private void detail(RoutingContext ctx, Console c, String error, String errorField, int status) {
        Principal who = Auth.principal(ctx);
        long id = AlertRoutes.id(ctx, "id");
        String done = ctx.request().getParam("done");
        c.blocking().run(() -> {
            AlertDetail d = alerts.detail(who, id);
            return new DetailData(d, centres.visible(who, d.alert().centreId()));
        }).onSuccess(d -> {
            Shell shell = c.shell(ctx, "alert.title", d.detail().alert().id());
            Locale locale = shell.m().locale();
            var a = d.detail().alert();
            List<AlertDetailPage.EventView> events = d.detail().events().stream().map(e -> event(e, shell.m(), a.id())).toList();
            String text = a.detail().get("text") instanceof String s ? s : null;
            String doneText = done != null && STEPS_AND_FORMS.contains(done) ? shell.t("alert.done." + done) : null;
            c.render(ctx, status, "alerts/detail.jte", new AlertDetailPage(shell, AlertRow.of(a, locale, d.centre().name()), a, text, events,
                    d.detail(), doneText, error, errorField, AlertService.MAX_PHOTOS));
        }).onFailure(ctx::fail);
    }

    private static final Set<String> STEPS_AND_FORMS = Set.of("ack", "resolve", "close", "reopen", "comment", "answer");

    static AlertDetailPage.EventView event(AlertEvent e, Messages m, long alertId) {
        Object text = e.detail().get("text");
        String change = e.detail().get("from") instanceof String from && e.detail().get("to") instanceof String to
                ? AlertText.word("state." + from, m.locale()) + " → " + AlertText.word("state." + to, m.locale()) : null;
        List<String> photos = new ArrayList<>();
        if (e.detail().get("attachmentIds") instanceof List<?> ids) {
            ids.forEach(x -> photos.add("/api/v1/alerts/" + alertId + "/attachments/" + ((Number) x).longValue()));
        } else if (e.detail().get("attachmentId") instanceof Number n) {
            photos.add("/api/v1/alerts/" + alertId + "/attachments/" + n.longValue());
        }
        String what = m.has("event." + e.action()) ? m.get("event." + e.action()) : e.action();
        return new AlertDetailPage.EventView(e.time(), Actors.label(e.actor(), m), what, text instanceof String s ? s : null, change, photos);
    }

    // ---- form posts ----

    private void step(RoutingContext ctx, Console c) {
        String action = ctx.request().getFormAttribute("action");
        if (action == null || !STEPS.contains(action)) {
            throw ApiError.badRequest("invalid_field", "'action' must be one of ack, resolve, close, reopen", "action");
        }
        act(ctx, c, action, new ActionInput(ctx.request().getFormAttribute("note"), null, List.of()));
    }

    private void comment(RoutingContext ctx, Console c) {
        act(ctx, c, "comment", new ActionInput(null, ctx.request().getFormAttribute("text"), List.of()));
    }

    private void answer(RoutingContext ctx, Console c) {
        String text = ctx.request().getFormAttribute("text");
        List<FileUpload> files = ctx.fileUploads().stream().filter(u -> u.size() > 0 || !u.fileName().isEmpty()).toList();
        Principal who = Auth.principal(ctx);
        long id = AlertRoutes.id(ctx, "id");
        // The photos are read from the upload folder off the event loop; the service checks and re-encodes them.
        c.blocking().run(() -> {
            List<Photo> photos = new ArrayList<>();
            for (FileUpload u : files) {
                photos.add(new Photo(null, read(u)));
            }
            return alerts.act(who, id, "answer", new ActionInput(null, text, photos));
        }).onSuccess(r -> done(ctx, id, "answer")).onFailure(e -> refused(ctx, c, e));
    }

    private static byte[] read(FileUpload u) throws IOException {
        if (u.size() > AlertService.MAX_PHOTO_BYTES) {
            // Not read at all; the service names the limit.
            return new byte[AlertService.MAX_PHOTO_BYTES + 1];
        }
        return Files.readAllBytes(Path.of(u.uploadedFileName()));
    }

    private void act(RoutingContext ctx, Console c, String action, ActionInput in) {
        Principal who = Auth.principal(ctx);
        long id = AlertRoutes.id(ctx, "id");
        c.blocking().run(() -> alerts.act(who, id, action, in)).onSuccess(r -> done(ctx, id, action)).onFailure(e -> refused(ctx, c, e));
    }

    private static void done(RoutingContext ctx, long id, String action) {
        String back = ctx.request().getFormAttribute("back");
        Console.seeOther(ctx, "/centre".equals(back) ? "/centre?done=" + action : "/alerts/" + id + "?done=" + action);
    }

    /** A refused action: a wrong field or a state that moved on is shown on the alert's page; 403 and 404 are error pages. */
    private void refused(RoutingContext ctx, Console c, Throwable e) {
        ApiError err = ErrorHandler.classify(e, 500);
        if (err.status() == 400 || err.status() == 409 || err.status() == 422) {
            Messages m = Messages.forRequest(ctx);
            String message = m.get("error." + err.code()) + (err.detail() == null ? "" : ": " + err.detail());
            detail(ctx, c, message, err.field(), err.status());
        } else {
            ctx.fail(e);
        }
    }

    static Map<Long, String> names(List<Centre> list) {
        return list.stream().collect(Collectors.toMap(Centre::id, Centre::name, (a, b) -> a));
    }

}
