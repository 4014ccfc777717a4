package org.carewatch.ui.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The security headers of every answer (API, errors, static files, console pages), set as the headers go
 * out so no handler can forget or drop them: a Content-Security-Policy allowing only our own scripts (no
 * inline script, no eval) and never framing us, {@code X-Frame-Options: DENY} for older browsers,
 * {@code Referrer-Policy: no-referrer} (URLs carry ids of centres and cameras), {@code nosniff}, and HSTS
 * when the connection is TLS. A TLS-terminating proxy in front of plain HTTP must send HSTS itself.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; media-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    public static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    public void handle(RoutingContext ctx) {
        // Answers are personal data by default; a static-file handler may allow caching for its own files.
        ctx.response().putHeader("Cache-Control", "no-store");
        boolean tls = ctx.request().isSSL();
        ctx.addHeadersEndHandler(v -> apply(ctx.response().headers(), tls));
        ctx.next();
    }

    static void apply(MultiMap h, boolean tls) {
        h.set("Content-Security-Policy", CSP);
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Content-Type-Options", "nosniff");
        if (tls) {
            h.set("Strict-Transport-Security", HSTS);
        } else {
            h.remove("Strict-Transport-Security");
        }
    }
}
