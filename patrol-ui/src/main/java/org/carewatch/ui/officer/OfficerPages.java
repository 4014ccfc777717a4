package org.carewatch.ui.officer;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.carewatch.alerts.history.AlertHistory;
import org.carewatch.alerts.lifecycle.AlertText;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraService;
import org.carewatch.core.sensors.SensorService;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.ingest.frames.FrameService;
import org.carewatch.ingest.frames.Viewing;
import org.carewatch.patrol.classes.AgeGroup;
import org.carewatch.patrol.frames.FrameViewService;
import org.carewatch.patrol.review.FindingCategory;
import org.carewatch.patrol.review.RatioCheck;
import org.carewatch.patrol.review.ReviewService;
import org.carewatch.patrol.review.VisitView;
import org.carewatch.patrol.rotation.VisitStatus;
import org.carewatch.profiles.sensor.Severity;
import org.carewatch.ui.alerts.AlertRow;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.cameras.SnapshotErrors;
import org.carewatch.ui.console.Console;
import org.carewatch.ui.console.ConsoleFeature;
import org.carewatch.ui.console.Fmt;
import org.carewatch.ui.console.NavEntry;
import org.carewatch.ui.console.Option;
import org.carewatch.ui.console.Shell;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.ErrorHandler;
import org.carewatch.ui.http.PathIds;
import org.carewatch.ui.i18n.Messages;

/**
 * The officer's pages: {@code /patrol} (today's rounds and visits with progress and what is overdue; the next
 * visit focused) and {@code /patrol/visits/{id}} (frames, classes, sensors, open alerts, the verdict), the
 * verdict's form post (then the next visit opens by itself through {@code /patrol/next}), the ratio flags as
 * counts are typed ({@code /patrol/ratio}, htmx), the frames as thumbnails or full size
 * ({@code /patrol/frames/{id}.jpg}) and a fresh snapshot of a camera. Role and scope are the services' rules
 * ({@link ReviewService}, {@link FrameViewService}, {@link FrameService} and the centre's services): handlers
 * parse, call them and render.
 */
public final class OfficerPages implements ConsoleFeature {
    /** Finding categories and their keys (none of the page's other keys: j k n s u ? 1-9). */
    static final Map<FindingCategory, String> KEYS = Map.of(
            FindingCategory.CHILDREN_UNATTENDED, "a", FindingCategory.ADULT_CHILD_RATIO, "r", FindingCategory.UNSAFE_BEHAVIOUR, "b",
            FindingCategory.SUSPECTED_ABUSE, "x", FindingCategory.HYGIENE, "h", FindingCategory.FIRE_OR_ESCAPE_HAZARD, "f",
            FindingCategory.NAP_SUPERVISION, "p", FindingCategory.CAMERA_PROBLEM, "c", FindingCategory.PRIVACY_PROBLEM, "v",
            FindingCategory.OTHER, "o");
    private static final Duration CHART_HOURS = Duration.ofHours(6);
    private static final Duration CHART_BUCKET = Duration.ofMinutes(10);

    private final ReviewService reviews;
    private final FrameViewService frameViews;
    private final FrameService cameraFrames;
    private final CameraService cameras;
    private final SensorService sensors;
    private final AlertHistory alerts;
    private final Thumbnails thumbnails = new Thumbnails(512);

    public OfficerPages(ReviewService reviews, FrameViewService frameViews, FrameService cameraFrames, CameraService cameras,
                        SensorService sensors, AlertHistory alerts) {
        this.reviews = reviews;
        this.frameViews = frameViews;
        this.cameraFrames = cameraFrames;
        this.cameras = cameras;
        this.sensors = sensors;
        this.alerts = alerts;
    }

    @Override
    public List<NavEntry> nav() {
        return List.of(new NavEntry("/patrol", "nav.patrol", Set.of(Role.OFFICER)));
    }

    @Override
    public void mount(Router root, Console c) {
        root.get("/patrol").handler(c.signedIn()).handler(ctx -> home(ctx, c)).failureHandler(c.errors());
        root.get("/patrol/next").handler(c.signedIn()).handler(ctx -> next(ctx, c)).failureHandler(c.errors());
        root.get("/patrol/ratio").handler(c.signedIn()).handler(ctx -> ratio(ctx, c)).failureHandler(c.errors());
        root.get("/patrol/frames/:file").handler(c.signedIn()).handler(ctx -> frame(ctx, c)).failureHandler(c.errors());
        root.get("/patrol/visits/:id").handler(c.signedIn()).handler(ctx -> visit(ctx, c, null, null, 200)).failureHandler(c.errors());
        root.get("/patrol/visits/:id/cameras/:camera/snapshot.jpg").handler(c.signedIn()).handler(ctx -> snapshot(ctx, c))
                .failureHandler(c.errors());
        root.post("/patrol/visits/:id/verdict").handler(c.signedIn()).handler(ctx -> verdict(ctx, c)).failureHandler(c.errors());
    }

    // ---- /patrol ----

    private void home(RoutingContext ctx, Console c) {
        Principal who = Auth.principal(ctx);
        String done = ctx.request().getParam("done");
        c.blocking().run(() -> reviews.queue(who)).onSuccess(q -> {
            Shell shell = c.shell(ctx, "patrol.home.title", q.date().toString());
            c.render(ctx, 200, "patrol/home.jte", Today.of(q, shell, c.clock().instant(),
                    "verdict".equals(done) ? shell.t("patrol.verdict.recorded") : null));
        }).onFailure(ctx::fail);
    }

    /** Where the officer goes after a verdict: the next visit not yet reviewed, else the day's list. */
    private void next(RoutingContext ctx, Console c) {
        Principal who = Auth.principal(ctx);
        boolean recorded = ctx.request().getParam("recorded") != null;
        c.blocking().run(() -> reviews.queue(who)).onSuccess(q -> {
            Long id = Today.nextVisit(q);
            Console.seeOther(ctx, id == null ? "/patrol" + (recorded ? "?done=verdict" : "")
                    : "/patrol/visits/" + id + (recorded ? "?recorded=1" : ""));
        }).onFailure(ctx::fail);
    }

    // ---- /patrol/visits/{id} ----

    private void visit(RoutingContext ctx, Console c, String error, String errorField, int status) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx, "id");
        boolean recorded = ctx.request().getParam("recorded") != null;
        c.blocking().run(() -> VisitData.load(who, id, reviews, cameras, sensors, alerts, c.clock().instant(), CHART_HOURS, CHART_BUCKET))
                .onSuccess(d -> {
                    Shell shell = c.shell(ctx, "patrol.visit.title", d.visit().centre().name());
                    c.render(ctx, status, "patrol/visit.jte", page(d, shell, recorded ? shell.t("patrol.verdict.recorded") : null, error,
                            errorField));
                }).onFailure(ctx::fail);
    }

    private VisitPage page(VisitData d, Shell shell, String recorded, String error, String errorField) {
        Messages m = shell.m();
        Fmt fmt = shell.fmt();
        Locale locale = m.locale();
        VisitView v = d.visit();
        Map<Long, String> names = d.cameras().stream().collect(Collectors.toMap(Camera::id, Camera::name, (a, b) -> a));
        List<VisitPage.FrameTile> tiles = new ArrayList<>();
        int key = 1;
        for (VisitView.FrameRef f : v.frames()) {
            String camera = names.getOrDefault(f.cameraId(), "#" + f.cameraId());
            boolean picture = f.problem() == null && !f.purged();
            int k = picture && key <= 9 ? key++ : 0;
            String age = f.ageSeconds() == null ? m.get("patrol.frame.no_time")
                    : m.get("patrol.frame.age", fmt.span(Duration.ofSeconds(Math.max(0, f.ageSeconds()))));
            String problem = picture ? null : (f.problem() != null && m.has(f.problem()) ? m.get(f.problem())
                    : f.problem() != null ? f.problem() : m.get("patrol.frame.no_time"));
            String src = "/patrol/frames/" + f.frameId() + ".jpg";
            tiles.add(new VisitPage.FrameTile(k, f.frameId(), f.cameraId(), camera, age, f.tooOld(), src + "?size=thumb", src, problem));
        }
        List<VisitPage.ClassRow> classes = v.classes().stream().map(x -> new VisitPage.ClassRow(x.id(), x.name(), x.ageGroup().code(),
                m.get("patrol.age." + x.ageGroup().code()), x.enrolled(), x.carers())).toList();
        List<VisitPage.SensorCard> cards = d.sensors().stream().map(s -> new VisitPage.SensorCard(s.sensor().id(), s.sensor().name(),
                s.sensor().location(), s.latest().isEmpty() ? List.of(m.get("patrol.sensor.no_value"))
                        : s.latest().stream().map(x -> x.metric() + " " + number(x.value()) + " · " + fmt.time(x.time())).toList(),
                Charts.json(s.series()))).toList();
        List<AlertRow> open = d.alerts().stream().map(a -> AlertRow.of(a, locale, v.centre().name())).toList();
        List<VisitPage.Category> categories = Arrays.stream(FindingCategory.values())
                .map(x -> new VisitPage.Category(x.code(), KEYS.get(x), m.get("patrol.category." + x.code()))).toList();
        List<Option> severities = Arrays.stream(Severity.values())
                .map(s -> new Option(s.id(), AlertText.word("severity." + s.id(), locale), s == Severity.MAJOR)).toList();
        Instant ends = v.round().windowEnd();
        int of = d.roundSize();
        VisitPage.Head head = new VisitPage.Head(v.visitId(), v.centre().name(), v.round().name(),
                v.round().startsAt() + "-" + v.round().endsAt(), m.get("patrol.round_ends", fmt.time(ends)) + " (" + fmt.due(ends) + ")",
                v.status() == VisitStatus.PLANNED && fmt.overdue(ends), v.order(), Math.max(of, v.order()), v.status() != VisitStatus.PLANNED);
        return new VisitPage(shell, head, tiles, classes, cards, open, categories, severities, recorded, error, errorField);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    // ---- the verdict ----

    private void verdict(RoutingContext ctx, Console c) {
        Principal who = Auth.principal(ctx);
        long id = PathIds.id(ctx, "id");
        var input = VerdictForm.parse(ctx.request().formAttributes());
        c.blocking().run(() -> reviews.recordVerdict(who, id, input))
                .onSuccess(v -> Console.seeOther(ctx, "/patrol/next?recorded=1"))
                .onFailure(e -> {
                    ApiError err = ErrorHandler.classify(e, 500);
                    if (err.status() == 400 || err.status() == 409 || err.status() == 422) {
                        Messages m = Messages.forRequest(ctx);
                        String message = m.get("error." + err.code()) + (err.detail() == null ? "" : ": " + err.detail());
                        visit(ctx, c, message, err.field(), err.status());
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    /** The flags of one class's counts as they are typed: pure (the review's {@link RatioCheck} and limits), no store. */
    private void ratio(RoutingContext ctx, Console c) {
        Shell shell = c.shell(ctx, "patrol.flags");
        AgeGroup group;
        try {
            group = AgeGroup.fromCode(ctx.request().getParam("ageGroup"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiError.badRequest("invalid_field", "'ageGroup' must be one of under_12_months, 12_24_months, 24_36_months, mixed", "ageGroup");
        }
        Integer adults = VerdictForm.count(ctx.request().getParam("adults"));
        Integer children = VerdictForm.count(ctx.request().getParam("children"));
        var limit = reviews.limits().of(group);
        RatioFlags flags = adults == null || children == null
                ? new RatioFlags(shell, false, false, false, limit.childrenPerAdult(), limit.classSize())
                : from(shell, RatioCheck.check(group, adults, children, reviews.limits()), limit.childrenPerAdult(), limit.classSize());
        c.render(ctx, 200, "patrol/flags.jte", flags);
    }

    private static RatioFlags from(Shell shell, RatioCheck.Flags f, int perAdult, int size) {
        return new RatioFlags(shell, true, f.ratio(), f.size(), perAdult, size);
    }

    // ---- pictures ----

    /**
     * A stored frame through {@link FrameViewService#view} (scope, and the access log with the patrol as purpose), full
     * size or as a thumbnail for the grid ({@code ?size=thumb}). Frames never change, so the browser may keep them (private).
     */
    private void frame(RoutingContext ctx, Console c) {
        Principal who = Auth.principal(ctx);
        String file = ctx.pathParam("file");
        if (!file.endsWith(".jpg")) {
            throw new ApiError(404, "not_found", "no such frame", null);
        }
        long id = PathIds.id(file.substring(0, file.length() - 4), "frameId");
        String size = ctx.request().getParam("size");
        if (size != null && !size.equals("thumb") && !size.equals("full")) {
            throw ApiError.badRequest("invalid_field", "'size' must be thumb or full", "size");
        }
        boolean thumb = "thumb".equals(size);
        String client = client(ctx);
        c.blocking().run(() -> {
            byte[] jpeg = frameViews.view(who, id, client).jpeg();
            return thumb ? thumbnails.of(id, jpeg) : jpeg;
        }).onSuccess(jpeg -> ctx.response().putHeader("Content-Type", "image/jpeg")
                .putHeader("Cache-Control", "private, max-age=86400, immutable").end(io.vertx.core.buffer.Buffer.buffer(jpeg)))
                .onFailure(ctx::fail);
    }

    /** A fresh masked snapshot of a camera now, through the frame service (scope, live-view policy, access log with the visit as purpose). */
    private void snapshot(RoutingContext ctx, Console c) {
        Principal who = Auth.principal(ctx);
        long visitId = PathIds.id(ctx, "id");
        long cameraId = PathIds.id(ctx, "camera");
        Viewing viewing = new Viewing("patrol visit " + visitId, client(ctx));
        c.blocking().run(() -> cameraFrames.snapshot(who, cameraId, viewing, OptionalInt.of(1280)))
                .compose(io.vertx.core.Future::fromCompletionStage)
                .onSuccess(jpeg -> ctx.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "no-store")
                        .end(io.vertx.core.buffer.Buffer.buffer(jpeg)))
                .onFailure(e -> {
                    ApiError api = SnapshotErrors.of(e);
                    ctx.fail(api != null ? api : e);
                });
    }

    private static String client(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
    }
}
