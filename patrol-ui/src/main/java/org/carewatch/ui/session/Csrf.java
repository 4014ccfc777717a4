package org.carewatch.ui.session;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.carewatch.core.users.ConsoleSession;
import org.carewatch.ui.http.ApiError;

/**
 * CSRF protection for requests authenticated by the session cookie: every state-changing request must send
 * the session's synchronizer token back, as the form field {@value #FIELD} (forms) or the header
 * {@value #HEADER} (htmx and the console's own fetches; set from the page's {@code csrf-token} meta tag).
 * Bearer-token requests need none: a browser never adds that header by itself.
 */
public final class Csrf {
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private Csrf() {
    }

    public static boolean stateChanging(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        return !(m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS);
    }

    /** Whether the request carries the session's token (compared in constant time). */
    public static boolean valid(RoutingContext ctx, ConsoleSession s) {
        String sent = ctx.request().getHeader(HEADER);
        if (sent == null) {
            sent = ctx.request().getFormAttribute(FIELD);
        }
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), s.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh 256-bit token (the sign-in form's double-submit token, before any session exists). */
    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static ApiError refused() {
        return new ApiError(403, "csrf", "the request lacks this session's CSRF token; reload the page and try again", null);
    }
}
