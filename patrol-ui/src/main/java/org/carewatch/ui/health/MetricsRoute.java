package org.carewatch.ui.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.carewatch.ui.http.ApiError;
import org.carewatch.ui.http.ApiFeature;
import org.carewatch.ui.http.Blocking;

/**
 * {@code GET /metrics} (Prometheus text) for whoever the access rule lets in: with a token configured,
 * only a request carrying {@code Authorization: Bearer TOKEN}; without one, on the main port only loopback
 * clients (a scraper on the same host, or an operator with ssh), on a management port of its own anyone
 * who can reach that port. Metrics name routes, pools and queue depths: not for the open network.
 */
public final class MetricsRoute implements ApiFeature {
    /** What a request must show. */
    public enum Rule {
        /** {@code Authorization: Bearer TOKEN}. */
        TOKEN,
        /** A loopback client address. */
        LOOPBACK,
        /** Nothing: the management port is the boundary. */
        OPEN
    }

    private final PrometheusMeterRegistry prometheus;
    private final Blocking blocking;
    private final Rule rule;
    private final byte[] token;

    public MetricsRoute(PrometheusMeterRegistry prometheus, Blocking blocking, String token, boolean ownPort) {
        this.prometheus = prometheus;
        this.blocking = blocking;
        boolean hasToken = token != null && !token.isEmpty();
        this.rule = hasToken ? Rule.TOKEN : ownPort ? Rule.OPEN : Rule.LOOPBACK;
        this.token = hasToken ? token.getBytes(StandardCharsets.UTF_8) : new byte[0];
    }

    public Rule rule() {
        return rule;
    }

    @Override
    public void mount(Router router) {
        router.get("/metrics").handler(this::metrics);
    }

    private void metrics(RoutingContext ctx) {
        var remote = ctx.request().remoteAddress();
        check(ctx.request().getHeader("Authorization"), remote == null ? null : remote.hostAddress());
        blocking.run(prometheus::scrape).onSuccess(text -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text)).onFailure(ctx::fail);
    }

    /** Throws the 401 or 403 the rule gives a request with this header from this address. */
    void check(String authorization, String clientAddress) {
        switch (rule) {
            case OPEN -> {
            }
            case TOKEN -> {
                String prefix = "Bearer ";
                byte[] given = authorization != null && authorization.regionMatches(true, 0, prefix, 0, prefix.length())
                        ? authorization.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
                // Constant time: the comparison must not tell how much of a guess was right.
                if (!MessageDigest.isEqual(given, token)) {
                    throw new ApiError(401, "unauthenticated", "/metrics needs the configured metrics token (metrics.token)", null);
                }
            }
            case LOOPBACK -> {
                if (!loopback(clientAddress)) {
                    throw new ApiError(403, "forbidden", "/metrics is served to loopback clients only; set metrics.token or metrics.port"
                            + " to let a scraper elsewhere read it", null);
                }
            }
        }
    }

    static boolean loopback(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        // A literal only (never a name lookup): the address Netty reported for the connection.
        InetAddress a = io.netty.util.NetUtil.createInetAddressFromIpAddressString(address);
        return a != null && a.isLoopbackAddress();
    }
}
