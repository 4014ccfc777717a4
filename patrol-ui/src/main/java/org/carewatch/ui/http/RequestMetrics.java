package org.carewatch.ui.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times every request as {@code http_server_requests} by method, route pattern and status. The route tag is
 * the pattern a request matched ({@code /api/v1/centres/:id}), never its path: {@code /centres/1},
 * {@code /centres/+0001} and {@code /centres/01} are one series, and a path no route matches is
 * {@value #UNMATCHED}, so no caller can create meters by inventing paths.
 */
public final class RequestMetrics implements Handler<RoutingContext> {
    public static final String UNMATCHED = "unmatched";
    private static final Pattern PARAM = Pattern.compile(":[A-Za-z_][A-Za-z0-9_]*");

    private final MeterRegistry meters;
    private volatile Router root;
    private volatile List<RoutePattern> patterns;

    record RoutePattern(String tag, Pattern regex) {
    }

    public RequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** The router whose routes name the series (read at the first request, once every feature is mounted). */
    public RequestMetrics routes(Router router) {
        this.root = router;
        this.patterns = null;
        return this;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Timer.Sample sample = Timer.start(meters);
        ctx.addEndHandler(done -> sample.stop(Timer.builder("http.server.requests")
                .tag("method", ctx.request().method().name())
                .tag("route", routeOf(ctx.normalizedPath()))
                .tag("status", String.valueOf(ctx.response().getStatusCode()))
                .publishPercentileHistogram()
                .register(meters)));
        ctx.next();
    }

    /** The pattern of the first route whose path matches, or {@value #UNMATCHED}. */
    String routeOf(String path) {
        List<RoutePattern> p = patterns;
        if (p == null) {
            Router r = root;
            p = r == null ? List.of() : collect(r, "");
            patterns = p;
        }
        for (RoutePattern rp : p) {
            if (rp.regex().matcher(path).matches()) {
                return rp.tag();
            }
        }
        return UNMATCHED;
    }

    /** Every route with a path, in routing order, sub-routers expanded under their mount point. */
    static List<RoutePattern> collect(Router router, String prefix) {
        List<RoutePattern> out = new ArrayList<>();
        for (Route r : router.getRoutes()) {
            String path = r.getPath();
            if (r.getSubRouter() != null) {
                String mount = path == null ? "" : path.replaceAll("/?\\*$", "").replaceAll("/$", "");
                out.addAll(collect(r.getSubRouter(), prefix + mount));
            } else if (path != null) { // a path with :params counts as a regex route in Vert.x, its path is still the pattern
                out.add(new RoutePattern(prefix + path, Pattern.compile(regex(prefix + path))));
            }
        }
        return List.copyOf(out);
    }

    /** {@code /centres/:id} matches {@code /centres/<one level>}; a trailing {@code *} matches the rest. */
    static String regex(String path) {
        boolean rest = path.endsWith("*");
        String body = rest ? path.substring(0, path.length() - 1) : path;
        StringBuilder re = new StringBuilder();
        Matcher m = PARAM.matcher(body);
        int at = 0;
        while (m.find()) {
            re.append(Pattern.quote(body.substring(at, m.start()))).append("[^/]+");
            at = m.end();
        }
        re.append(Pattern.quote(body.substring(at)));
        return rest ? re + ".*" : re + "/?";
    }
}
