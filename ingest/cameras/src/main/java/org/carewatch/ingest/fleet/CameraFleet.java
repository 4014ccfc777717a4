package org.carewatch.ingest.fleet;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraEndpoint;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.ingest.health.StreamEventWriter;
import org.carewatch.ingest.health.StreamState;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.carewatch.core.outbound.OutboundPolicy;
import org.carewatch.ingest.rtsp.AuthExpectation;
import org.carewatch.ingest.rtsp.HostResolver;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspQuirks;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.rtsp.RtspTransport;
import org.carewatch.ingest.snapshot.SnapshotDecoder;
import org.carewatch.ingest.stream.CameraStream;
import org.carewatch.ingest.stream.KeyframeSampler;
import org.carewatch.ingest.stream.StreamHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered cameras this node is responsible for: held cameras are streamed without decoding, the
 * others are sampled on demand; a snapshot decodes one keyframe. Which cameras this node owns is behind
 * {@code owns} so a cluster can split them later. Blocking calls (JDBC) must run off event loops.
 */
public final class CameraFleet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraFleet.class);

    private final CameraRepository cameras;
    private final StreamHolder holder;
    private final KeyframeSampler sampler;
    private final SnapshotDecoder decoder;
    private final StreamEventWriter events;
    private final LongPredicate owns;
    private final Timer snapshotLatency;
    private final HttpSnapshotFallback http;
    private final HostResolver resolver;
    /** Per camera and address: whether Digest is expected of it (then Basic is never answered). */
    private final Map<String, AuthExpectation> auth = new ConcurrentHashMap<>();

    /** @param outbound the policy every camera connection (RTSP and HTTP snapshots) goes through */
    public CameraFleet(CameraRepository cameras, IngestEventLoop loop, SnapshotDecoder decoder, StreamEventWriter events,
                       LongPredicate owns, MeterRegistry meters, OutboundPolicy outbound) {
        this.cameras = cameras;
        this.http = new HttpSnapshotFallback(outbound);
        this.resolver = OutboundResolver.cameras(outbound);
        this.holder = new StreamHolder(loop, events);
        this.sampler = new KeyframeSampler(loop);
        this.decoder = decoder;
        this.events = events;
        this.owns = owns;
        this.snapshotLatency = Timer.builder("carewatch.snapshot.latency").description("time to a JPEG snapshot")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(meters);
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
        int held = 0;
        for (Camera c : cameras.listHeld()) {
            if (owns.test(c.id())) {
                hold(c);
                held++;
            }
        }
        log.info("holding {} camera stream(s)", held);
    }

    /** Applies a registration change: (re)holds, releases, or leaves the camera to on-demand sampling. */
    public void refresh(long cameraId) throws SQLException {
        String key = Long.toString(cameraId);
        holder.release(key);
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
        events.register(Long.toString(c.id()), c.centreId());
        holder.hold(Long.toString(c.id()), ep.rtspUrl().toString(), options(ep));
    }

    /**
     * The RTSP options for a registered camera: the outbound policy's resolver, the profile's transport and
     * quirks, Basic answered only when the profile says the device only supports Basic ({@code auth: basic} or
     * the {@code basic-auth-only} quirk), and the camera's Digest expectation, kept per camera and address (a
     * re-pointed camera starts afresh, from what its profile says).
     */
    RtspClientOptions options(CameraEndpoint ep) {
        Set<String> quirks = new HashSet<>(ep.quirks());
        if ("basic".equals(ep.auth())) {
            quirks.add(RtspQuirks.BASIC_AUTH_ONLY);
        }
        String key = ep.cameraId() + "@" + ep.rtspUrl().getHost() + ":" + ep.rtspUrl().getPort();
        AuthExpectation expectation = auth.computeIfAbsent(key, k -> new AuthExpectation("digest".equals(ep.auth())));
        return RtspClientOptions.defaults().withTransport(RtspTransport.parse(ep.transport())).withQuirks(quirks)
                .withResolver(resolver).withAuthExpectation(expectation);
    }

    /**
     * A JPEG of the camera now: from the held stream's cached keyframe, else by sampling the camera
     * (connect, first keyframe, disconnect). Blocking (reads the registry): call off event loops.
     */
    public CompletableFuture<byte[]> snapshot(long cameraId, OptionalInt maxWidth, Duration timeout) throws SQLException {
        Timer.Sample t = Timer.start();
        Optional<CameraStream> held = holder.stream(Long.toString(cameraId));
        CompletableFuture<byte[]> jpeg;
        if (held.isPresent() && held.get().latestKeyframe().isPresent()) {
            jpeg = decoder.jpeg(held.get().latestKeyframe().get(), maxWidth);
        } else {
            CameraEndpoint ep = cameras.endpoint(cameraId);
            jpeg = sampler.sampleKeyframe(ep.rtspUrl().toString(), options(ep), timeout)
                    .thenCompose(kf -> decoder.jpeg(kf, maxWidth));
            if (ep.httpSnapshot().isPresent()) {
                // The stream yielded no picture: ask the vendor's HTTP snapshot endpoint instead.
                URI snap = ep.httpSnapshot().get();
                AuthExpectation expectation = auth.computeIfAbsent(ep.cameraId() + "@" + snap.getHost() + ":" + snap.getPort() + "/http",
                        k -> new AuthExpectation("digest".equals(ep.snapshotAuth())));
                boolean basicOnly = "basic".equals(ep.snapshotAuth()) || ep.quirks().contains(RtspQuirks.BASIC_AUTH_ONLY);
                jpeg = jpeg.exceptionallyCompose(rtspFailure -> http.fetch(snap,
                                ep.user() == null ? null : new org.carewatch.ingest.rtsp.Credentials(ep.user(), ep.password()),
                                basicOnly, expectation, timeout)
                        .exceptionallyCompose(httpFailure -> CompletableFuture.failedFuture(rtspFailure)));
            }
        }
        return jpeg.whenComplete((ok, err) -> {
            if (err == null) {
                t.stop(snapshotLatency);
            }
        });
    }

    /** Held cameras streaming on this node with a keyframe cached: the ones whose picture can be checked now. */
    public java.util.List<Long> streamingCameras() {
        return holder.streams().stream()
                .filter(s -> s.state() == StreamState.STREAMING && s.latestKeyframe().isPresent())
                .map(s -> Long.parseLong(s.cameraId())).toList();
    }

    /** When the held stream's cached keyframe arrived; empty when none is cached. */
    public Optional<java.time.Instant> cachedKeyframeTime(long cameraId) {
        return holder.stream(Long.toString(cameraId)).flatMap(CameraStream::latestKeyframe).map(kf -> kf.arrival());
    }

    /** The held stream's cached keyframe as a JPEG, without connecting to anything; empty when none is cached. */
    public Optional<CompletableFuture<byte[]>> cachedJpeg(long cameraId) {
        return holder.stream(Long.toString(cameraId)).flatMap(CameraStream::latestKeyframe)
                .map(kf -> decoder.jpeg(kf, OptionalInt.empty()));
    }

    public CameraHealth health(Camera c) {
        Optional<CameraStream> s = holder.stream(Long.toString(c.id()));
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
        holder.close();
        try {
            http.close();
        } catch (java.io.IOException e) {
            log.debug("HTTP snapshot client close: {}", e.getMessage());
        }
    }
}
