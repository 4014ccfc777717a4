package org.carewatch.ui.apidocs;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.console.Console;
import org.carewatch.ui.console.ConsoleFeature;
import org.carewatch.ui.console.Shell;
import org.carewatch.ui.http.ErrorHandler;

/**
 * {@code /api/docs}: the interactive API page (Swagger UI from its WebJar) over the API description that
 * {@code /api/v1/openapi.yaml} serves. Open to anyone, like the description; when a console session is signed in,
 * the page carries its CSRF token so that "Try it out" can also send changes with the session cookie
 * ({@code static/apidocs.js} adds the header). No inline script: the initializer is that file.
 */
public final class ApiDocsPage implements ConsoleFeature {
    public static final String SPEC = "/api/v1/openapi.yaml";

    @Override
    public void mount(Router root, Console c) {
        root.get("/api/docs").handler(ctx -> page(ctx, c));
    }

    /** The model of apidocs.jte. */
    public record Model(Shell shell, String spec) {
    }

    private void page(RoutingContext ctx, Console c) {
        c.sessions().resolve(ctx).onSuccess(s -> {
            s.ifPresent(x -> Auth.signedIn(ctx, x.principal()));
            c.render(ctx, 200, "apidocs.jte", new Model(c.shell(ctx, "apidocs.title"), SPEC));
        }).onFailure(e -> c.errorPage(ctx, ErrorHandler.classify(e, 500)));
    }
}
