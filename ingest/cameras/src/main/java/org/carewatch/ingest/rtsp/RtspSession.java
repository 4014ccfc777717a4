package org.carewatch.ingest.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.carewatch.ingest.sdp.MediaTrack;
import org.carewatch.ingest.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the first H.264/H.265 video track of one camera: OPTIONS, DESCRIBE, SETUP (TCP interleaved or UDP),
 * PLAY, then keep-alives before the session timeout and a watchdog that ends the session when media stops
 * for the read timeout. Handles Basic/Digest authentication and 3xx redirects. {@link #close()} sends
 * TEARDOWN. All state lives on one event loop; the futures complete on it, so callbacks must not block.
 */
public final class RtspSession {

    private static final Logger log = LoggerFactory.getLogger(RtspSession.class);
    private static final int MAX_AUTH_ATTEMPTS = 2;
    private static final Duration TEARDOWN_WAIT = Duration.ofSeconds(1);

    /** What is playing once {@link #started()} completes. */
    public record Playing(SessionDescription description, MediaTrack track, RtspTransport transport,
                          String sessionId, Duration sessionTimeout, Duration keepAliveInterval,
                          HttpMethod keepAliveMethod) {
    }

    private final IngestEventLoop loop;
    private final EventLoop eventLoop;
    private final RtspClientOptions options;
    private final RtpSink sink;
    private final String originalUrl;
    private final CompletableFuture<Playing> started = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    // Event-loop confined state.
    private RtspConnection connection;
    private UdpMediaReceiver udp;
    private RtspAuthenticator auth;
    private Set<String> publicMethods = Set.of();
    private String sessionId;
    private String aggregateUri;
    private int rtpChannel = -1;
    private long lastMediaNanos;
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> watchdog;
    private boolean closing;

    private RtspSession(IngestEventLoop loop, EventLoop eventLoop, String url, RtspClientOptions options,
                        RtpSink sink) {
        this.loop = loop;
        this.eventLoop = eventLoop;
        this.options = options;
        this.sink = sink;
        this.originalUrl = url;
    }

    /**
     * Starts playing {@code url}. Invalid URLs fail {@link #started()} with
     * {@link SnapshotFailure#NOT_FOUND}; the future never throws from here.
     */
    public static RtspSession start(IngestEventLoop loop, String url, RtspClientOptions options, RtpSink sink) {
        return start(loop, loop.group().next(), url, options, sink);
    }

    /** Like {@link #start(IngestEventLoop, String, RtspClientOptions, RtpSink)} on a chosen event loop of the group. */
    public static RtspSession start(IngestEventLoop loop, EventLoop eventLoop, String url, RtspClientOptions options,
                                    RtpSink sink) {
        RtspSession session = new RtspSession(loop, eventLoop, url, options, sink);
        session.eventLoop.execute(() -> {
            RtspUrl parsed;
            try {
                parsed = RtspUrl.parse(url);
            } catch (IllegalArgumentException e) {
                session.fail(new RtspException(SnapshotFailure.NOT_FOUND, e.getMessage()));
                return;
            }
            session.begin(parsed, options.maxRedirects());
        });
        return session;
    }

    /** Completes once PLAY succeeded; fails with an {@link RtspException}. */
    public CompletableFuture<Playing> started() {
        return started;
    }

    /**
     * Completes normally after {@link #close()}, exceptionally with an {@link RtspException} when the session
     * fails (before or after PLAY): silence, disconnect, refused, ...
     */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    public EventLoop eventLoop() {
        return eventLoop;
    }

    /** Tears down (TEARDOWN, waiting briefly for the reply) and closes; completes when the sockets are closed. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        eventLoop.execute(() -> {
            if (closing) {
                whenClosed(done);
                return;
            }
            closing = true;
            ended.complete(null);
            started.completeExceptionally(new RtspException(SnapshotFailure.CONNECTION_LOST, "closed by us"));
            teardownAndRelease();
            whenClosed(done);
        });
        return done;
    }

    private void whenClosed(CompletableFuture<Void> done) {
        if (connection == null) {
            done.complete(null);
        } else {
            connection.closeFuture().whenComplete((v, e) -> done.complete(null));
        }
    }

    private void begin(RtspUrl url, int redirectsLeft) {
        Credentials credentials = url.credentials().or(options::credentials).orElse(null);
        auth = new RtspAuthenticator(credentials, options.basicAuth(), options.authExpectation());
        String uri = url.requestUri();
        // The host is resolved (and, for registered cameras, checked by the outbound policy) on a virtual
        // thread, then the connection goes to a checked address: never resolved again on the way.
        CompletableFuture.supplyAsync(() -> resolve(url.host()), RESOLVER)
                .thenComposeAsync(address -> RtspConnection.connect(loop, eventLoop, new InetSocketAddress(address, url.port()),
                        options.connectTimeout()), eventLoop)
                .thenCompose(c -> {
                    connection = c;
                    c.onFrame(this::onFrame);
                    c.closeFuture().whenComplete((v, e) -> onConnectionClosed(c));
                    if (closing) {
                        c.close();
                        throw new RtspException(SnapshotFailure.CONNECTION_LOST, "closed by us");
                    }
                    return send(RtspMethods.OPTIONS, uri, new DefaultHttpHeaders());
                })
                .thenCompose(r -> {
                    followRedirect(r);
                    publicMethods = parsePublic(r.header(RtspHeader.PUBLIC));
                    HttpHeaders h = new DefaultHttpHeaders().set(RtspHeader.ACCEPT, "application/sdp");
                    return send(RtspMethods.DESCRIBE, uri, h);
                })
                .thenCompose(r -> {
                    followRedirect(r);
                    requireOk(r, RtspMethods.DESCRIBE);
                    SessionDescription sdp = parseSdp(r, uri);
                    MediaTrack track = sdp.firstSupportedVideoTrack().orElseThrow(() -> new RtspException(
                            SnapshotFailure.UNSUPPORTED_CODEC, "offered: " + describeTracks(sdp)));
                    aggregateUri = sdp.aggregateControl().toString();
                    return setup(sdp, track);
                })
                .whenComplete((playing, e) -> {
                    if (e == null) {
                        onPlaying(playing);
                        return;
                    }
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof Redirect redirect && !closing) {
                        redirect(url, redirect.location, redirectsLeft);
                    } else {
                        fail(cause);
                    }
                });
    }

    private static final java.util.concurrent.Executor RESOLVER = task -> Thread.ofVirtual().name("rtsp-resolve").start(task);

    /** The first address the resolver gives for {@code host}; a refusal or an unknown host fails the session. */
    private java.net.InetAddress resolve(String host) {
        try {
            var addresses = options.resolver().resolve(host);
            if (addresses == null || addresses.isEmpty()) {
                throw new RtspException(SnapshotFailure.CONNECTION_REFUSED, "host name does not resolve");
            }
            return addresses.getFirst();
        } catch (java.net.UnknownHostException e) {
            throw new RtspException(SnapshotFailure.CONNECTION_REFUSED, "host name does not resolve");
        } catch (java.io.IOException e) {
            throw new RtspException(SnapshotFailure.CONNECTION_REFUSED, "host name could not be resolved");
        }
    }

    private CompletableFuture<Playing> setup(SessionDescription sdp, MediaTrack track) {
        RtspTransport transport = options.effectiveTransport();
        String setupUri = track.control().toString();
        CompletableFuture<TransportHeader> requested;
        if (transport == RtspTransport.TCP) {
            requested = CompletableFuture.completedFuture(TransportHeader.interleaved(0, 1));
        } else {
            InetSocketAddress local = (InetSocketAddress) connection.channel().localAddress();
            InetSocketAddress remote = (InetSocketAddress) connection.channel().remoteAddress();
            requested = UdpMediaReceiver.bind(loop, eventLoop, local.getAddress(), this::onUdpRtp).thenApply(r -> {
                udp = r;
                r.expectSource(remote.getAddress());
                if (closing) {
                    r.close();
                }
                return TransportHeader.udp(r.rtpPort(), r.rtcpPort());
            });
        }
        return requested.thenCompose(t -> send(RtspMethods.SETUP, setupUri,
                        new DefaultHttpHeaders().set(RtspHeader.TRANSPORT, t.format())).thenApply(r -> {
                    requireOk(r, RtspMethods.SETUP);
                    TransportHeader answered = r.header(RtspHeader.TRANSPORT) == null ? t
                            : TransportHeader.parse(r.header(RtspHeader.TRANSPORT)).orElseThrow(() ->
                            new RtspException(SnapshotFailure.PROTOCOL_ERROR, "unusable Transport in SETUP reply"));
                    if (answered.tcp() != t.tcp()) {
                        throw new RtspException(SnapshotFailure.PROTOCOL_ERROR,
                                "camera answered SETUP with another transport: " + answered.format());
                    }
                    SessionHeader session = SessionHeader.parse(r.header(RtspHeader.SESSION)).orElseThrow(() ->
                            new RtspException(SnapshotFailure.PROTOCOL_ERROR, "SETUP reply without a usable Session"));
                    sessionId = session.id();
                    rtpChannel = answered.tcp() ? answered.rtpChannel() : -1;
                    return session;
                }))
                .thenCompose(session -> send(RtspMethods.PLAY, aggregateUri,
                        new DefaultHttpHeaders().set(RtspHeader.RANGE, "npt=0.000-")).thenApply(r -> {
                    requireOk(r, RtspMethods.PLAY);
                    Duration timeout = options.hasQuirk(RtspQuirks.IGNORE_SESSION_TIMEOUT)
                            ? SessionHeader.DEFAULT_TIMEOUT : session.timeout();
                    Duration interval = timeout.dividedBy(2);
                    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
                        interval = Duration.ofSeconds(1);
                    }
                    HttpMethod keepAliveMethod = publicMethods.contains("GET_PARAMETER")
                            && !options.hasQuirk(RtspQuirks.NO_GET_PARAMETER)
                            ? RtspMethods.GET_PARAMETER : RtspMethods.OPTIONS;
                    return new Playing(sdp, track, transport, session.id(), session.timeout(), interval,
                            keepAliveMethod);
                }));
    }

    private void onPlaying(Playing playing) {
        if (closing) {
            return;
        }
        lastMediaNanos = System.nanoTime();
        long keepAliveMillis = playing.keepAliveInterval().toMillis();
        keepAlive = eventLoop.scheduleAtFixedRate(() -> sendKeepAlive(playing.keepAliveMethod()),
                keepAliveMillis, keepAliveMillis, TimeUnit.MILLISECONDS);
        long readTimeoutNanos = options.readTimeout().toNanos();
        long checkMillis = Math.max(50, options.readTimeout().toMillis() / 5);
        watchdog = eventLoop.scheduleAtFixedRate(() -> {
            long silent = System.nanoTime() - lastMediaNanos;
            if (silent > readTimeoutNanos) {
                fail(new RtspException(SnapshotFailure.TIMEOUT,
                        "no media for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms"));
            }
        }, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        log.debug("playing {} over {} (session timeout {}, keep-alive {} every {})", RtspUrl.redact(originalUrl),
                playing.transport(), playing.sessionTimeout(), playing.keepAliveMethod(), playing.keepAliveInterval());
        started.complete(playing);
    }

    private void sendKeepAlive(HttpMethod method) {
        if (connection != null && connection.isOpen() && !closing) {
            // Never waits on the reply: some cameras answer keep-alives late or not at all.
            send(method, aggregateUri, new DefaultHttpHeaders()).whenComplete((r, e) -> {
                if (e != null) {
                    log.debug("keep-alive {} got no reply: {}", method, e.getMessage());
                }
            });
        }
    }

    private void onFrame(InterleavedFrame frame) {
        try {
            if (frame.channel() == rtpChannel && !closing) {
                deliver(frame.content());
            }
        } finally {
            frame.release();
        }
    }

    private void onUdpRtp(ByteBuf packet) {
        if (!closing && sessionId != null) {
            deliver(packet);
        }
    }

    private void deliver(ByteBuf packet) {
        lastMediaNanos = System.nanoTime();
        try {
            sink.onRtp(packet);
        } catch (RuntimeException e) {
            log.warn("RTP sink failed", e);
        }
    }

    private CompletableFuture<RtspResponse> send(HttpMethod method, String uri, HttpHeaders headers) {
        return send(method, uri, headers, 0);
    }

    private CompletableFuture<RtspResponse> send(HttpMethod method, String uri, HttpHeaders headers, int attempt) {
        HttpHeaders all = new DefaultHttpHeaders().add(headers);
        Optional<String> authorization = auth.authorization(method.name(), uri);
        authorization.ifPresent(a -> all.set(RtspHeader.AUTHORIZATION, a));
        if (sessionId != null) {
            all.set(RtspHeader.SESSION, sessionId);
        }
        return connection.request(method, uri, all, options.responseTimeout()).thenCompose(r -> {
            if (r.status() != 401) {
                return CompletableFuture.completedFuture(r);
            }
            RtspAuthenticator.Outcome outcome = attempt < MAX_AUTH_ATTEMPTS
                    ? auth.onUnauthorized(r.all(RtspHeader.WWW_AUTHENTICATE), authorization.isPresent())
                    : RtspAuthenticator.Outcome.FAILED;
            if (outcome == RtspAuthenticator.Outcome.RETRY) {
                return send(method, uri, headers, attempt + 1);
            }
            if (outcome == RtspAuthenticator.Outcome.BASIC_REFUSED) {
                throw new RtspException(SnapshotFailure.AUTH_FAILED, "the camera asks for Basic authentication, which sends the "
                        + "password in clear; it is not answered (the camera's profile does not say it only supports Basic, or it offered Digest before)");
            }
            throw new RtspException(SnapshotFailure.AUTH_FAILED, method + " answered 401");
        });
    }

    private void redirect(RtspUrl from, String location, int redirectsLeft) {
        releaseResources();
        if (redirectsLeft <= 0) {
            fail(new RtspException(SnapshotFailure.PROTOCOL_ERROR, "too many redirects"));
            return;
        }
        RtspUrl target;
        try {
            target = RtspUrl.parse(location);
        } catch (IllegalArgumentException e) {
            fail(new RtspException(SnapshotFailure.PROTOCOL_ERROR, "unusable redirect Location"));
            return;
        }
        if (target.credentials().isEmpty() && from.credentials().isPresent() && target.host().equals(from.host())) {
            // Credentials follow a redirect only to the same host.
            target = new RtspUrl(target.host(), target.port(), target.requestUri(), from.credentials());
        }
        log.debug("redirected to {}", RtspUrl.redact(target.requestUri()));
        sessionId = null;
        publicMethods = Set.of();
        begin(target, redirectsLeft - 1);
    }

    private static void followRedirect(RtspResponse r) {
        int s = r.status();
        if ((s == 301 || s == 302 || s == 303 || s == 305 || s == 307) && r.header(RtspHeader.LOCATION) != null) {
            throw new Redirect(r.header(RtspHeader.LOCATION).trim());
        }
    }

    static void requireOk(RtspResponse r, HttpMethod method) {
        if (r.ok()) {
            return;
        }
        String detail = method + " answered " + r.status() + " " + r.reason();
        throw switch (r.status()) {
            case 404, 410 -> new RtspException(SnapshotFailure.NOT_FOUND, detail);
            case 401, 403 -> new RtspException(SnapshotFailure.AUTH_FAILED, detail);
            case 415 -> new RtspException(SnapshotFailure.UNSUPPORTED_CODEC, detail);
            default -> new RtspException(SnapshotFailure.PROTOCOL_ERROR, detail);
        };
    }

    private static SessionDescription parseSdp(RtspResponse r, String requestUri) {
        String base = r.header(RtspHeader.CONTENT_BASE);
        if (base == null) {
            base = r.header(RtspHeader.CONTENT_LOCATION);
        }
        if (base == null) {
            base = requestUri;
        }
        try {
            return SessionDescription.parse(r.bodyText(), URI.create(base.trim()));
        } catch (RuntimeException e) {
            throw new RtspException(SnapshotFailure.PROTOCOL_ERROR, "unusable SDP: " + e.getMessage(), e);
        }
    }

    private static String describeTracks(SessionDescription sdp) {
        if (sdp.tracks().isEmpty()) {
            return "no tracks";
        }
        return sdp.tracks().stream()
                .map(t -> t.media() + "/" + (t.encodingName().isEmpty() ? "PT" + t.payloadType() : t.encodingName()))
                .collect(Collectors.joining(", "));
    }

    static Set<String> parsePublic(String header) {
        if (header == null) {
            return Set.of();
        }
        Set<String> methods = new HashSet<>();
        for (String m : header.split(",")) {
            if (!m.isBlank()) {
                methods.add(m.trim().toUpperCase(Locale.ROOT));
            }
        }
        return Set.copyOf(methods);
    }

    private void onConnectionClosed(RtspConnection c) {
        if (c != connection || closing) {
            return;
        }
        fail(new RtspException(SnapshotFailure.CONNECTION_LOST, "camera closed the connection"));
    }

    private void fail(Throwable t) {
        if (closing) {
            return;
        }
        RtspException e = RtspException.of(t);
        if (!(t instanceof RtspException)) {
            log.debug("session failed", t);
        }
        closing = true;
        started.completeExceptionally(e);
        ended.completeExceptionally(e);
        teardownAndRelease();
    }

    private void teardownAndRelease() {
        cancelTimers();
        if (udp != null) {
            udp.close();
        }
        RtspConnection c = connection;
        if (c == null) {
            return;
        }
        if (sessionId != null && c.isOpen()) {
            HttpHeaders h = new DefaultHttpHeaders().set(RtspHeader.SESSION, sessionId);
            auth.authorization("TEARDOWN", aggregateUri).ifPresent(a -> h.set(RtspHeader.AUTHORIZATION, a));
            c.request(RtspMethods.TEARDOWN, aggregateUri, h, TEARDOWN_WAIT).whenComplete((r, e) -> c.close());
        } else {
            c.close();
        }
    }

    /** Drops the current connection before following a redirect; its close is then not a failure. */
    private void releaseResources() {
        cancelTimers();
        if (udp != null) {
            udp.close();
            udp = null;
        }
        RtspConnection old = connection;
        connection = null;
        if (old != null) {
            old.close();
        }
    }

    private void cancelTimers() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        if (watchdog != null) {
            watchdog.cancel(false);
        }
    }

    /** Internal signal: a 3xx answer with a Location to follow. */
    private static final class Redirect extends RuntimeException {
        final String location;

        Redirect(String location) {
            super(null, null, false, false);
            this.location = location;
        }
    }
}
