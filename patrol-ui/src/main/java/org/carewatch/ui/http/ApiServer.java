package org.carewatch.ui.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.carewatch.core.config.HttpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: listens (with the configured fallback when the port is taken) and shuts down gracefully. */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private final HttpServer server;
    private final HttpConfig cfg;

    private ApiServer(HttpServer server, HttpConfig cfg) {
        this.server = server;
        this.cfg = cfg;
    }

    public static Router newRouter(Vertx vertx, HttpConfig cfg) {
        Router root = Router.router(vertx);
        BodyLimits bodies = new BodyLimits(cfg.maxBodyBytes());
        root.route().handler(bodies);
        root.putMetadata(BodyLimits.METADATA, bodies);
        return root;
    }

    public static ApiServer start(Vertx vertx, Router router, HttpConfig cfg) throws Exception {
        HttpServerOptions opts = new HttpServerOptions().setHost(cfg.host()).setCompressionSupported(true)
                .setMaxHeaderSize(16 * 1024).setIdleTimeout(120).setIdleTimeoutUnit(TimeUnit.SECONDS);
        HttpServer server = vertx.createHttpServer(opts).requestHandler(router);
        try {
            server.listen(cfg.port()).await();
        } catch (Exception e) {
            if (!(rootCause(e) instanceof BindException) || cfg.port() == 0) {
                throw e;
            }
            if (!cfg.fallbackToFreePort()) {
                throw new BindException("HTTP port " + cfg.port() + " is already in use; choose another with --port or set http.port");
            }
            log.warn("HTTP port {} is in use; listening on a free port instead", cfg.port());
            server = vertx.createHttpServer(opts).requestHandler(router);
            server.listen(0).await();
        }
        return new ApiServer(server, cfg);
    }

    public int port() {
        return server.actualPort();
    }

    /** Stops accepting connections and gives in-flight requests the configured grace period. */
    @Override
    public void close() {
        try {
            server.shutdown(Duration.ofSeconds(cfg.shutdownGraceSeconds())).await();
        } catch (Exception e) {
            log.warn("HTTP shutdown: {}", e.getMessage());
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
