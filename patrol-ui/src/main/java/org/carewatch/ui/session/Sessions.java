package org.carewatch.ui.session;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.carewatch.core.users.ConsoleSession;
import org.carewatch.core.users.ConsoleSessions;
import org.carewatch.ui.http.Blocking;

/** Resolves the browser's session cookie (off the event loop) and keeps the session on the request. */
public final class Sessions {
    private static final String KEY = "carewatch.session";

    private final ConsoleSessions sessions;
    private final Blocking blocking;
    private final SessionCookies cookies;

    public Sessions(ConsoleSessions sessions, Blocking blocking, SessionCookies cookies) {
        this.sessions = sessions;
        this.blocking = blocking;
        this.cookies = cookies;
    }

    /** The live session named by the request's cookie (empty without a cookie or when it ended). */
    public Future<Optional<ConsoleSession>> resolve(RoutingContext ctx) {
        String id = SessionCookies.read(ctx);
        if (id == null) {
            return Future.succeededFuture(Optional.empty());
        }
        return blocking.run(() -> sessions.resolve(id)).onSuccess(s -> s.ifPresent(x -> ctx.put(KEY, x)));
    }

    /** The session resolved for this request, or null (a bearer-token request, or nobody signed in). */
    public static ConsoleSession current(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    public ConsoleSessions service() {
        return sessions;
    }

    public SessionCookies cookies() {
        return cookies;
    }

    public Blocking blocking() {
        return blocking;
    }
}
