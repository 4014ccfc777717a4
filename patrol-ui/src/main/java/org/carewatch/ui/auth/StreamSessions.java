package org.carewatch.ui.auth;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.carewatch.core.users.ConsoleSessions;
import org.carewatch.core.users.SignInService;
import org.carewatch.ui.http.Blocking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-lived answers (server-sent events now, live-video WebSockets later) opened with a credential: each
 * ends when its credential stops being valid. A revocation on any node ends them at once (published on the
 * event bus at {@value #REVOKED_ADDRESS}); expiry, a revocation the bus did not carry and a deactivated user
 * are found by checking every open stream's credential every {@code security.streamSessionCheck}.
 * The credential is the request's {@link Auth#credentialId}: a bearer token's id or a console session's.
 */
public final class StreamSessions implements AutoCloseable {
    /** Where revoked credential ids are published (a clustered event bus carries them to every node). */
    public static final String REVOKED_ADDRESS = "carewatch.credentials.revoked";
    private static final Logger log = LoggerFactory.getLogger(StreamSessions.class);

    /** Why a stream ended: said to the client in its last event. */
    public static final String REVOKED = "revoked";
    public static final String EXPIRED = "expired";

    private final Vertx vertx;
    private final SignInService signIns;
    private final ConsoleSessions sessions;
    private final Blocking blocking;
    private final Map<String, Set<Handle>> open = new ConcurrentHashMap<>();
    private final long timer;
    private final MessageConsumer<String> revocations;
    private final AtomicBoolean checking = new AtomicBoolean();

    public StreamSessions(Vertx vertx, SignInService signIns, ConsoleSessions sessions, Blocking blocking, Duration checkEvery) {
        this.vertx = vertx;
        this.signIns = signIns;
        this.sessions = sessions;
        this.blocking = blocking;
        this.timer = vertx.setPeriodic(Math.max(100, checkEvery.toMillis()), t -> check());
        this.revocations = vertx.eventBus().consumer(REVOKED_ADDRESS, m -> end(m.body(), REVOKED));
    }

    /** Tells every node that a console session ended (signed out): its streams end at once. */
    public static void sessionEnded(Vertx vertx, String sessionId) {
        vertx.eventBus().publish(REVOKED_ADDRESS, ConsoleSessions.credentialId(sessionId));
    }

    /** What core's sign-in service calls when it revokes a token: every node hears of it. */
    public static SignInService.TokenRevocations publisher(Vertx vertx) {
        return tokenId -> vertx.eventBus().publish(REVOKED_ADDRESS, tokenId);
    }

    /** One open stream; {@link #close()} it when the stream ends for another reason (the client left). */
    public final class Handle implements AutoCloseable {
        private final String credential;
        private final Context context;
        private final Consumer<String> onEnd;
        private final AtomicBoolean done = new AtomicBoolean();

        private Handle(String credential, Context context, Consumer<String> onEnd) {
            this.credential = credential;
            this.context = context;
            this.onEnd = onEnd;
        }

        private void end(String reason) {
            if (done.compareAndSet(false, true)) {
                remove(this);
                context.runOnContext(v -> onEnd.accept(reason));
            }
        }

        @Override
        public void close() {
            if (done.compareAndSet(false, true)) {
                remove(this);
            }
        }
    }

    /**
     * Registers a stream of the authenticated request; {@code onEnd} runs once, on the request's context, with
     * {@link #REVOKED} or {@link #EXPIRED}, when its credential stops being valid.
     */
    public Handle open(RoutingContext ctx, Consumer<String> onEnd) {
        String credential = Auth.credentialId(ctx);
        Handle h = new Handle(credential, vertx.getOrCreateContext(), onEnd);
        open.computeIfAbsent(credential, k -> ConcurrentHashMap.newKeySet()).add(h);
        return h;
    }

    /** How many streams are open (for tests and metrics). */
    public int openCount() {
        return open.values().stream().mapToInt(Set::size).sum();
    }

    private void remove(Handle h) {
        open.computeIfPresent(h.credential, (k, set) -> {
            set.remove(h);
            return set.isEmpty() ? null : set;
        });
    }

    private void end(String credential, String reason) {
        Set<Handle> handles = open.get(credential);
        if (handles != null) {
            List.copyOf(handles).forEach(h -> h.end(reason));
        }
    }

    /** Checks every open stream's credential at once (one query); ends those no longer valid. */
    private void check() {
        if (open.isEmpty() || !checking.compareAndSet(false, true)) {
            return;
        }
        List<String> ids = List.copyOf(open.keySet());
        blocking.run(() -> {
            java.util.Set<String> valid = new java.util.HashSet<>(signIns.stillValid(
                    ids.stream().filter(id -> !id.startsWith(ConsoleSessions.CREDENTIAL_PREFIX)).toList()));
            valid.addAll(sessions.stillValid(ids.stream().filter(id -> id.startsWith(ConsoleSessions.CREDENTIAL_PREFIX)).toList()));
            return valid;
        }).onComplete(r -> {
            checking.set(false);
            if (r.failed()) {
                log.warn("cannot check the credentials of open streams: {}", r.cause().getMessage());
                return;
            }
            for (String id : ids) {
                if (!r.result().contains(id)) {
                    end(id, EXPIRED);
                }
            }
        });
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        revocations.unregister();
    }
}
