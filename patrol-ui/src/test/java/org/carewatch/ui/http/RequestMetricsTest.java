package org.carewatch.ui.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {
    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    void everySpellingOfAnIdIsOneSeriesAndUnknownPathsAreOne() {
        Router root = Router.router(vertx);
        root.get("/healthz").handler(ctx -> ctx.end());
        Router api = Router.router(vertx);
        api.get("/alerts/stream").handler(ctx -> ctx.end());
        api.get("/alerts/:id").handler(ctx -> ctx.end());
        api.post("/alerts/:id/:action").handler(ctx -> ctx.end());
        api.get("/centres/:id").handler(ctx -> ctx.end());
        root.route("/api/v1/*").subRouter(api);
        RequestMetrics m = new RequestMetrics(new SimpleMeterRegistry()).routes(root);

        for (String spelling : new String[] {"1", "+0001", "01", "abc", "99999999999999999999999"}) {
            assertThat(m.routeOf("/api/v1/centres/" + spelling)).isEqualTo("/api/v1/centres/:id");
        }
        assertThat(m.routeOf("/api/v1/alerts/stream")).isEqualTo("/api/v1/alerts/stream");
        assertThat(m.routeOf("/api/v1/alerts/7/ack")).isEqualTo("/api/v1/alerts/:id/:action");
        assertThat(m.routeOf("/healthz")).isEqualTo("/healthz");
        assertThat(m.routeOf("/api/v1/centres/1/nothing/here")).isEqualTo(RequestMetrics.UNMATCHED);
        assertThat(m.routeOf("/wp-admin/" + System.nanoTime())).isEqualTo(RequestMetrics.UNMATCHED);
    }
}
