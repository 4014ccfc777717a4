package org.carewatch.ingest.fleet;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraEndpoint;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.ingest.health.StreamEventWriter;
import org.carewatch.ingest.health.StreamState;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.carewatch.core.outbound.OutboundPolicy;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.rtsp.AuthExpectation;
import org.carewatch.ingest.rtsp.Credentials;
import org.carewatch.ingest.rtsp.HostResolver;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.rtsp.RtspQuirks;
import org.carewatch.ingest.rtsp.RtspTransport;
import org.carewatch.ingest.stream.CameraStream;
import org.carewatch.ingest.stream.KeyframeSampler;
import org.carewatch.ingest.stream.StreamHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered cameras this node is responsible for: held cameras are streamed without decoding (their
 * latest keyframe cached), the others are sampled on demand (connect, first keyframe, disconnect). It
 * hands out what the camera sends (keyframes, or the vendor's HTTP snapshot JPEG), never pictures a person
 * sees: those come only from the frame service
 * ({@code org.carewatch.ingest.frames.FrameService}), which decodes, masks and logs. Which cameras this
 * node owns is behind {@code owns} so a cluster can split them later. Every connection to a camera (RTSP and
 * HTTP) goes through the outbound policy, and what is known of each camera's authentication is kept here, so
 * Basic is never answered to a camera of which Digest is expected. Blocking calls (JDBC) must run off event loops.
 */
public final class CameraFleet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraFleet.class);

    private final CameraRepository cameras;
    private final StreamHolder holder;
    private final KeyframeSampler sampler;
    private final StreamEventWriter events;
    private final LongPredicate owns;
    /** The registration of every held camera as of its last (re)hold: masks and centre without a lookup. */
    private final Map<Long, Camera> held = new ConcurrentHashMap<>();
    private final HttpSnapshotFallback http;
    private final HostResolver resolver;
    /** Per camera and address: whether Digest is expected of it (then Basic is never answered). */
    private final Map<String, AuthExpectation> auth = new ConcurrentHashMap<>();

    /** @param outbound the policy every camera connection (RTSP and HTTP snapshots) goes through */
    public CameraFleet(CameraRepository cameras, IngestEventLoop loop, StreamEventWriter events, LongPredicate owns,
                       MeterRegistry meters, OutboundPolicy outbound) {
        this.cameras = cameras;
        this.http = new HttpSnapshotFallback(outbound);
        this.resolver = OutboundResolver.cameras(outbound);
        this.holder = new StreamHolder(loop, events);
        this.sampler = new KeyframeSampler(loop);
        this.events = events;
        this.owns = owns;
        for (StreamState s : StreamState.values()) {
            Gauge.builder("carewatch.streams", holder, h -> h.streams().stream().filter(c -> c.state() == s).count())
                    .tag("state", s.name().toLowerCase(Locale.ROOT)).description("held camera streams by state").register(meters);
        }
        Gauge.builder("carewatch.streams.bytes", holder, h -> h.streams().stream()
                .mapToLong(c -> c.facts().map(f -> f.bytes()).orElse(0L)).sum()).description("bytes received on held streams").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder("carewatch.streams.reconnects", holder,
                h -> h.streams().stream().mapToLong(CameraStream::reconnects).sum()).description("stream reconnects").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder("carewatch.streams.sequence.gaps", holder,
                h -> h.streams().stream().mapToLong(CameraStream::sequenceGaps).sum()).description("RTP sequence gaps on held streams")
                .register(meters);
        Gauge.builder("carewatch.streams.packets", holder, h -> h.streams().stream()
                .mapToLong(c -> c.facts().map(f -> f.packets()).orElse(0L)).sum()).description("RTP packets received on held streams").register(meters);
    }

    /** Holds every active held camera this node owns. */
    public void start() throws SQLException {
        int count = 0;
        for (Camera c : cameras.listHeld()) {
            if (owns.test(c.id())) {
                hold(c);
                count++;
            }
        }
        log.info("holding {} camera stream(s)", count);
    }

    /** Applies a registration change: (re)holds, releases, or leaves the camera to on-demand sampling. */
    public void refresh(long cameraId) throws SQLException {
        held.remove(cameraId);
        holder.release(cameraId);
        Optional<Camera> cam = cameras.findHeld(cameraId);
        if (cam.isPresent() && owns.test(cameraId)) {
            hold(cam.get());
        }
    }

    /** Applies a centre's change (e.g. switching between held and on-demand) to all its cameras. */
    public void refreshCentre(long centreId) throws SQLException {
        for (Camera c : cameras.listByCentre(centreId)) {
            refresh(c.id());
        }
    }

    private void hold(Camera c) throws SQLException {
        CameraEndpoint ep = cameras.endpoint(c.id());
        events.register(c.id(), c.centreId());
        held.put(c.id(), c);
        holder.hold(c.id(), ep.rtspUrl().toString(), clientOptions(ep));
    }

    /**
     * The RTSP options for a registered camera: the outbound policy's resolver, the profile's transport and
     * quirks, Basic answered only when the profile says the device only supports Basic ({@code auth: basic} or
     * the {@code basic-auth-only} quirk), and the camera's Digest expectation, kept per camera and address (a
     * re-pointed camera starts afresh, from what its profile says).
     */
    RtspClientOptions clientOptions(CameraEndpoint ep) {
        Set<String> quirks = new HashSet<>(ep.quirks());
        if ("basic".equals(ep.auth())) {
            quirks.add(RtspQuirks.BASIC_AUTH_ONLY);
        }
        String key = ep.cameraId() + "@" + ep.rtspUrl().getHost() + ":" + ep.rtspUrl().getPort();
        AuthExpectation expectation = auth.computeIfAbsent(key, k -> new AuthExpectation("digest".equals(ep.auth())));
        return RtspClientOptions.defaults().withTransport(RtspTransport.parse(ep.transport())).withQuirks(quirks)
                .withResolver(resolver).withAuthExpectation(expectation);
    }

    /** The held stream's cached keyframe (encoded, for the frame service to decode); empty when none is cached. */
    public Optional<Keyframe> cachedKeyframe(long cameraId) {
        return holder.stream(cameraId).flatMap(CameraStream::latestKeyframe);
    }

    /** The held stream of a camera (for live remuxing, which taps its access units); empty when not held here. */
    public Optional<CameraStream> heldStream(long cameraId) {
        return holder.stream(cameraId);
    }

    /** A held camera's registration as of its last refresh (what the frame service masks a cached keyframe with). */
    public Optional<Camera> heldCamera(long cameraId) {
        return Optional.ofNullable(held.get(cameraId));
    }

    /**
     * The first keyframe of a camera that is not held (or has no keyframe cached yet): connect, take it,
     * disconnect. Fails with an {@code RtspException} naming the cause; completes on an event loop.
     */
    public CompletableFuture<Keyframe> sampleKeyframe(CameraEndpoint ep, Duration timeout) {
        return sampler.sampleKeyframe(ep.rtspUrl().toString(), clientOptions(ep), timeout);
    }

    /**
     * The vendor's HTTP snapshot JPEG (undecoded, unmasked: for the frame service only), for a camera whose profile
     * has an HTTP snapshot endpoint; with the same Basic rules as RTSP. Fails with an {@code RtspException}.
     */
    public CompletableFuture<byte[]> fetchHttpSnapshot(CameraEndpoint ep, Duration timeout) {
        URI snap = ep.httpSnapshot().orElseThrow(() -> new IllegalArgumentException("camera " + ep.cameraId() + " has no HTTP snapshot"));
        AuthExpectation expectation = auth.computeIfAbsent(ep.cameraId() + "@" + snap.getHost() + ":" + snap.getPort() + "/http",
                k -> new AuthExpectation("digest".equals(ep.snapshotAuth())));
        boolean basicOnly = "basic".equals(ep.snapshotAuth()) || ep.quirks().contains(RtspQuirks.BASIC_AUTH_ONLY);
        return http.fetch(snap, ep.user() == null ? null : new Credentials(ep.user(), ep.password()), basicOnly, expectation, timeout);
    }

    /** Held cameras streaming on this node with a keyframe cached: the ones whose picture can be checked now. */
    public List<Long> streamingCameras() {
        return holder.streams().stream()
                .filter(s -> s.state() == StreamState.STREAMING && s.latestKeyframe().isPresent())
                .map(CameraStream::cameraId).toList();
    }

    /** When the held stream's cached keyframe arrived; empty when none is cached. */
    public Optional<Instant> cachedKeyframeTime(long cameraId) {
        return cachedKeyframe(cameraId).map(Keyframe::arrival);
    }

    public CameraHealth health(Camera c) {
        Optional<CameraStream> s = holder.stream(c.id());
        if (s.isEmpty()) {
            return new CameraHealth(c.id(), "on_demand", false, null, null, null, null, null, null, null, null);
        }
        var facts = s.get().facts();
        String state = s.get().state().name().toLowerCase(Locale.ROOT);
        return facts.map(f -> new CameraHealth(c.id(), state, true, f.codec() == null ? null : f.codec().name(), zeroToNull(f.width()),
                        zeroToNull(f.height()), f.fps() == 0 ? null : f.fps(), f.bitrateBps() == 0 ? null : f.bitrateBps(),
                        zeroToNull(f.gopLength()), f.lastPacketTime(), f.lastKeyframeTime()))
                .orElse(new CameraHealth(c.id(), state, true, null, null, null, null, null, null, null, null));
    }

    private static Integer zeroToNull(int v) {
        return v == 0 ? null : v;
    }

    @Override
    public void close() {
        held.clear();
        holder.close();
        try {
            http.close();
        } catch (java.io.IOException e) {
            log.debug("HTTP snapshot client close: {}", e.getMessage());
        }
    }
}
