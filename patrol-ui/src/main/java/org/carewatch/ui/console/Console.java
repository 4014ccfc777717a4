package org.carewatch.ui.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.carewatch.core.users.ConsoleSession;
import org.carewatch.core.users.Principal;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.Blocking;
import org.carewatch.ui.http.ErrorHandler;
import org.carewatch.ui.i18n.Messages;
import org.carewatch.ui.session.Csrf;
import org.carewatch.ui.session.SessionCookies;
import org.carewatch.ui.session.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The toolkit of the console's pages: templates (jte, compiled at build time), the signed-in check with CSRF
 * for page requests, HTML error pages, the frame of every page ({@link Shell}) and the navigation gathered
 * from the mounted {@link ConsoleFeature}s. Page handlers parse, call one service method and render through it.
 */
public final class Console {
    private static final Logger log = LoggerFactory.getLogger(Console.class);

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Sessions sessions;
    private final ZoneId zone;
    private final Clock clock;
    private final List<NavEntry> nav = new ArrayList<>();
    private Homes homes = new Homes(List.of());

    public Console(Sessions sessions, ZoneId zone, Clock clock) {
        this.sessions = sessions;
        this.zone = zone;
        this.clock = clock;
    }

    /** Mounts the features on the root router; their navigation entries are known before any page is served. */
    public void mount(Router root, List<ConsoleFeature> features) {
        features.forEach(f -> nav.addAll(f.nav()));
        homes = new Homes(nav);
        features.forEach(f -> f.mount(root, this));
    }

    public Homes homes() {
        return homes;
    }

    public Sessions sessions() {
        return sessions;
    }

    public Blocking blocking() {
        return sessions.blocking();
    }

    public Clock clock() {
        return clock;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * Lets a page request through only with a live session (its principal is then {@link Auth#principal}); a
     * state-changing request must also carry the session's CSRF token (403 otherwise). Without a session, a
     * page is redirected to the sign-in page (and an htmx request told to go there).
     */
    public Handler<RoutingContext> signedIn() {
        return ctx -> sessions.resolve(ctx).onSuccess(s -> {
            if (s.isEmpty()) {
                toSignIn(ctx);
            } else if (Csrf.stateChanging(ctx) && !Csrf.valid(ctx, s.get())) {
                ctx.fail(Csrf.refused());
            } else {
                Auth.signedIn(ctx, s.get().principal());
                ctx.next();
            }
        }).onFailure(ctx::fail);
    }

    private void toSignIn(RoutingContext ctx) {
        if (SessionCookies.read(ctx) != null) {
            ctx.response().addCookie(sessions.cookies().cleared(ctx));
        }
        String login = "/login?next=" + URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8);
        if (ctx.request().getHeader("HX-Request") != null) {
            ctx.response().putHeader("HX-Redirect", login).setStatusCode(401).end();
        } else if (ctx.request().method() == HttpMethod.GET) {
            ctx.redirect(login);
        } else {
            ctx.fail(ApiError.unauthenticated());
        }
    }

    /** Failure handler of page routes: the error as an HTML page in the person's language, never a stack trace. */
    public Handler<RoutingContext> errors() {
        return ctx -> {
            ApiError e = ErrorHandler.classify(ctx.failure(), ctx.statusCode());
            if (e.status() >= 500 && !"busy".equals(e.code())) {
                log.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            }
            errorPage(ctx, e);
        };
    }

    public void errorPage(RoutingContext ctx, ApiError e) {
        if (ctx.response().ended()) {
            return;
        }
        if (e.status() == 401 && ctx.request().method() == HttpMethod.GET) {
            toSignIn(ctx);
            return;
        }
        Shell shell = shell(ctx, "error.page_title");
        String message = shell.t("error." + e.code(), e.args());
        render(ctx, e.status(), "error.jte", new ErrorPage(shell, e.status(), message, e.field(), e.detail()));
    }

    /** The frame of a page for this request; {@code titleKey} is a message key (with its arguments). */
    public Shell shell(RoutingContext ctx, String titleKey, Object... args) {
        Messages m = Messages.forRequest(ctx);
        Principal who = ctx.get("carewatch.principal");
        ConsoleSession s = Sessions.current(ctx);
        List<NavEntry> mine = who == null ? List.of() : nav.stream().filter(e -> e.roles().contains(who.role())).toList();
        return new Shell(m, who, s == null ? null : s.csrfToken(), ctx.request().uri(), m.get(titleKey, args), mine,
                new Fmt(zone, m, clock.instant()));
    }

    /** Renders a template (its one parameter is {@code model}) as the response. */
    public void render(RoutingContext ctx, int status, String template, Object model) {
        StringOutput out = new StringOutput(8192);
        templates.render(template, model, out);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(out.toString());
    }

    /** Renders a template to a string (fragments sent over the live stream). */
    public String renderToString(String template, Object model) {
        StringOutput out = new StringOutput(1024);
        templates.render(template, model, out);
        return out.toString();
    }

    /** 303 See Other: where a form post goes next (the browser follows with a GET). */
    public static void seeOther(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(303).putHeader("Location", location).end();
    }

    /** The model of error.jte. */
    public record ErrorPage(Shell shell, int status, String message, String field, String detail) {
    }
}
