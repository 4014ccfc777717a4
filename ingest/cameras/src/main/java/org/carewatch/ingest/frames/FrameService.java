package org.carewatch.ingest.frames;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.carewatch.core.audit.AccessLog;
import org.carewatch.core.audit.AccessRecord;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraEndpoint;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.core.cameras.CameraService;
import org.carewatch.core.users.Principal;
import org.carewatch.ingest.fleet.CameraFleet;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.snapshot.DecodeRequest;
import org.carewatch.ingest.snapshot.DecodedPicture;
import org.carewatch.ingest.snapshot.SnapshotDecoder;

/**
 * The one way to a picture of a camera. It finds the camera in the caller's scope, takes its latest
 * keyframe (the held stream's cache, else a sample, else the vendor's HTTP snapshot), decodes it once on
 * the bounded decoder pool, blacks out the camera's privacy masks in that decoded picture, and from it
 * makes what was asked: a JPEG (encoded once), the picture, a check's result (the frame-quality checks).
 * Before a frame is handed to a person, who saw what, when, why and from where is written to the access
 * log; if the log cannot be written, the frame is not handed out.
 *
 * <p>Threads: {@link #frame} and {@link #snapshot} read the registry on the caller's thread (call them off
 * event loops); decoding, masking and encoding run on a decoder worker; the log is written on a virtual
 * thread, where the returned future completes.
 */
public final class FrameService {
    private static final Executor VIRTUAL = task -> Thread.ofVirtual().name("frame-access").start(task);

    private final CameraFleet fleet;
    private final CameraRepository cameras;
    private final CameraService cameraScope;
    private final SnapshotDecoder decoder;
    private final AccessLog log;
    private final Clock clock;
    private final Timer latency;

    public FrameService(CameraFleet fleet, CameraRepository cameras, CameraService visible, SnapshotDecoder decoder,
                        AccessLog log, Clock clock, MeterRegistry meters) {
        this.fleet = fleet;
        this.cameras = cameras;
        this.cameraScope = visible;
        this.decoder = decoder;
        this.log = log;
        this.clock = clock;
        this.latency = Timer.builder("carewatch.snapshot.latency").description("time to a masked camera frame")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(meters);
    }

    /** A masked JPEG of the camera now, for a person; logged as a view. */
    public CompletableFuture<byte[]> snapshot(Principal who, long cameraId, Viewing viewing, OptionalInt maxWidth)
            throws SQLException {
        return frame(who, cameraId, viewing, FrameRequest.ofJpeg(maxWidth)).thenApply(CameraFrame::jpeg);
    }

    /**
     * A masked frame of the camera now, for a person (patrol sampling asks for the JPEG, the picture and
     * the quality checks at once): 404 ({@code NotFoundException}) for a camera outside the caller's scope; a
     * picture of a camera now is live view, so the district's live-view policy applies (a stated purpose where it
     * asks for one, nothing where live view is disabled). The access row is written before the future completes.
     */
    public <R> CompletableFuture<CameraFrame<R>> frame(Principal who, long cameraId, Viewing viewing, FrameRequest<R> request)
            throws SQLException {
        CameraService.LiveView view = cameraScope.forLiveView(who, cameraId, viewing.purpose());
        Camera cam = view.camera();
        Timer.Sample started = Timer.start();
        return decode(cam, request).thenApplyAsync(frame -> {
            try {
                log.append(new AccessRecord(clock.instant(), who.userId(), who.username(), who.role().code(), "snapshot", "camera",
                        cam.id(), cam.centreId(), view.purpose(), viewing.client()));
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
            started.stop(latency);
            return frame;
        }, VIRTUAL);
    }

    /**
     * A masked frame of a camera in the caller's scope, taken by the system for a patrol round (the frames an
     * officer later reviews): the held stream's cached keyframe, else a sampled one, else the vendor's HTTP
     * snapshot, exactly as {@link #frame}. Not live view (nobody watches the camera now), so the district's
     * live-view policy does not apply; the taking is still written to the access log with {@code purpose}
     * ("patrol") before the future completes, and every later view of the stored frame is logged by whoever
     * serves it. 404 for a camera outside the caller's scope.
     */
    public <R> CompletableFuture<CameraFrame<R>> sampleForPatrol(Principal who, long cameraId, String purpose, FrameRequest<R> request)
            throws SQLException {
        Camera cam = cameraScope.visible(who, cameraId);
        return decode(cam, request).thenApplyAsync(frame -> {
            try {
                log.append(new AccessRecord(clock.instant(), who.userId(), who.username(), who.role().code(), "snapshot", "camera",
                        cam.id(), cam.centreId(), purpose, ""));
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
            return frame;
        }, VIRTUAL);
    }

    /** Whether the camera's stream is held here with a keyframe cached (a frame of it needs no connection). */
    public boolean cached(long cameraId) {
        return fleet.cachedKeyframe(cameraId).isPresent();
    }

    /**
     * For automated checks only (the periodic frame-quality round): the masked picture of a held camera's
     * cached keyframe, with the check's result if one is given. No person sees it, so nothing is logged;
     * never show or store it (take {@link #frame} with a {@link Viewing} for that). Connects to nothing;
     * empty when the camera is not held here or has no keyframe cached. Does not block.
     */
    public <R> Optional<CompletableFuture<CameraFrame<R>>> inspectCached(long cameraId, FrameRequest<R> request) {
        if (request.jpeg()) {
            throw new IllegalArgumentException("a JPEG is for a person: use frame() with a Viewing");
        }
        Optional<Camera> cam = fleet.heldCamera(cameraId);
        Optional<Keyframe> kf = fleet.cachedKeyframe(cameraId);
        if (cam.isEmpty() || kf.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(decoder.decode(kf.get(), request.forCamera(cam.get()))
                .thenApply(p -> frame(cam.get(), kf.get().arrival(), p)));
    }

    /** The held stream's cached keyframe, else a sampled one, else the vendor's HTTP snapshot; decoded and masked. */
    private <R> CompletableFuture<CameraFrame<R>> decode(Camera cam, FrameRequest<R> request) throws SQLException {
        DecodeRequest<R> masked = request.forCamera(cam);
        Optional<Keyframe> cached = fleet.cachedKeyframe(cam.id());
        if (cached.isPresent()) {
            return decoder.decode(cached.get(), masked).thenApply(p -> frame(cam, cached.get().arrival(), p));
        }
        CameraEndpoint ep = cameras.endpoint(cam.id());
        CompletableFuture<CameraFrame<R>> sampled = fleet.sampleKeyframe(ep, request.timeout())
                .thenCompose(kf -> decoder.decode(kf, masked).thenApply(p -> frame(cam, kf.arrival(), p)));
        if (ep.httpSnapshot().isEmpty()) {
            return sampled;
        }
        // The stream yielded no picture: ask the vendor's HTTP snapshot endpoint, and mask that the same way.
        return sampled.exceptionallyCompose(rtspFailure -> fleet.fetchHttpSnapshot(ep, request.timeout())
                .thenCompose(jpeg -> {
                    Instant fetched = clock.instant();
                    return decoder.decodeJpeg(jpeg, masked).thenApply(p -> frame(cam, fetched, p));
                })
                .exceptionallyCompose(httpFailure -> CompletableFuture.failedFuture(rtspFailure)));
    }

    private static <R> CameraFrame<R> frame(Camera cam, Instant capturedAt, DecodedPicture<R> p) {
        return new CameraFrame<>(cam.id(), cam.centreId(), capturedAt, p.width(), p.height(), p.jpeg(), p.picture(), p.checked());
    }
}
