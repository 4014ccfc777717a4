package org.carewatch.ingest.live;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.carewatch.core.audit.AccessLog;
import org.carewatch.core.audit.AccessRecord;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraService;
import org.carewatch.core.users.Principal;
import org.carewatch.ingest.fleet.CameraFleet;
import org.carewatch.ingest.frames.Viewing;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.stream.CameraStream;

/**
 * The one way to live video of a camera. {@link #open} checks scope and the district's live-view policy
 * (core's {@code CameraService.forLiveView}: 404 outside scope, {@code disabled} refused, {@code purpose}
 * required where asked), refuses masked cameras (masks cannot be painted on remuxed video), streams that are
 * not H.264 and a camera at its viewer limit, writes the access row ({@code live}) before the first byte is
 * sent, then joins the camera's single {@link LiveFeed} (created with its first viewer, its tap removed
 * after its last). Closing the session writes a second {@code live} row with the session's duration.
 *
 * <p>Threads: {@link #open} reads the registry and writes the log (JDBC): call it off event loops.
 */
public final class LiveService {

    private final CameraFleet fleet;
    private final CameraService cameras;
    private final AccessLog log;
    private final Clock clock;
    private final int maxViewersPerCamera;
    private final Map<Long, LiveFeed> feeds = new HashMap<>(); // guarded by this
    private final AtomicLong retiredBytes = new AtomicLong();
    private final AtomicLong retiredDrops = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();

    public LiveService(CameraFleet fleet, CameraService cameras, AccessLog log, Clock clock, int maxViewersPerCamera,
                       MeterRegistry meters) {
        if (maxViewersPerCamera < 1) {
            throw new IllegalArgumentException("maxViewersPerCamera must be at least 1");
        }
        this.fleet = fleet;
        this.cameras = cameras;
        this.log = log;
        this.clock = clock;
        this.maxViewersPerCamera = maxViewersPerCamera;
        Gauge.builder("carewatch.live.viewers", this, LiveService::viewers).description("live video viewers").register(meters);
        FunctionCounter.builder("carewatch.live.sessions", sessions, AtomicLong::get).description("live sessions opened")
                .register(meters);
        FunctionCounter.builder("carewatch.live.bytes.sent", this, LiveService::bytesSent).baseUnit("bytes")
                .description("fMP4 bytes handed to live viewers").register(meters);
        FunctionCounter.builder("carewatch.live.dropped.to.keyframe", this, LiveService::droppedToKeyframe)
                .description("times a slow live viewer was dropped to the next keyframe").register(meters);
    }

    public int maxViewersPerCamera() {
        return maxViewersPerCamera;
    }

    /**
     * Opens live video of a camera for {@code viewer}; the returned session's {@link LiveSession#close} ends it.
     *
     * @throws org.carewatch.core.errors.NotFoundException outside the caller's scope (via {@code forLiveView})
     * @throws LiveRefusedException masked camera, not H.264, not streaming here, viewer limit
     */
    public LiveSession open(Principal who, long cameraId, Viewing viewing, LiveViewer viewer)
            throws SQLException, LiveRefusedException {
        CameraService.LiveView view = cameras.forLiveView(who, cameraId, viewing.purpose());
        Camera cam = view.camera();
        if (!cam.privacyMasks().isEmpty()) {
            throw new LiveRefusedException(LiveRefusedException.Reason.MASKED,
                    "camera " + cameraId + " has privacy masks: live view shows masked snapshots only");
        }
        CameraStream stream = fleet.heldStream(cameraId).orElseThrow(() -> new LiveRefusedException(
                LiveRefusedException.Reason.NOT_STREAMING, "camera " + cameraId + " is not streaming"));
        Optional<Keyframe> cached = stream.latestKeyframe();
        if (cached.isEmpty()) {
            throw new LiveRefusedException(LiveRefusedException.Reason.NOT_STREAMING, "camera " + cameraId + " has no picture yet");
        }
        if (cached.get().codec() != Codec.H264) {
            throw new LiveRefusedException(LiveRefusedException.Reason.UNSUPPORTED_CODEC,
                    "camera " + cameraId + " sends " + cached.get().codec() + ": only H.264 is played live");
        }
        if (viewersOf(cameraId) >= maxViewersPerCamera) {
            throw new LiveRefusedException(LiveRefusedException.Reason.VIEWER_LIMIT,
                    "camera " + cameraId + " already has " + maxViewersPerCamera + " live viewers");
        }
        var start = clock.instant();
        // Logged before the first byte goes out; a log that cannot be written means no video.
        log.append(new AccessRecord(start, who.userId(), who.username(), who.role().code(), "live", "camera", cam.id(),
                cam.centreId(), view.purpose(), viewing.client()));
        LiveFeed feed;
        synchronized (this) {
            feed = feeds.get(cameraId);
            boolean created = feed == null;
            if (created) {
                feed = new LiveFeed(cameraId, clock);
            }
            if (!feed.join(viewer, maxViewersPerCamera, stream.latestKeyframe())) {
                throw new LiveRefusedException(LiveRefusedException.Reason.VIEWER_LIMIT,
                        "camera " + cameraId + " already has " + maxViewersPerCamera + " live viewers");
            }
            if (created) {
                feeds.put(cameraId, feed);
                stream.setLiveTap(feed);
            }
        }
        sessions.incrementAndGet();
        LiveFeed joined = feed;
        LiveSession session = new LiveSession(cam.id(), view.purpose(), start, joined.mimeType().orElse(""), () -> {
            leave(stream, joined, viewer);
            logEnd(who, cam, view.purpose(), viewing.client(), start);
        });
        if (session.mimeType().isEmpty()) {
            session.close();
            throw new LiveRefusedException(LiveRefusedException.Reason.NOT_STREAMING,
                    "camera " + cameraId + ": no parameter sets seen yet");
        }
        return session;
    }

    /**
     * The row that ends a live session: when it ended and how long it lasted (the start row was written by
     * {@link #open}). Written on a virtual thread: close may be called on an event loop.
     */
    private void logEnd(Principal who, Camera cam, String purpose, String client, java.time.Instant start) {
        Thread.ofVirtual().name("live-access").start(() -> {
            var end = clock.instant();
            try {
                log.append(new AccessRecord(end, who.userId(), who.username(), who.role().code(), "live", "camera", cam.id(),
                        cam.centreId(), purpose, client, Math.max(0, java.time.Duration.between(start, end).toMillis())));
            } catch (SQLException | RuntimeException e) {
                LoggerHolder.LOG.error("live session end of camera {} not logged: {}", cam.id(), e.getMessage());
            }
        });
    }

    private static final class LoggerHolder {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveService.class);
    }

    private synchronized void leave(CameraStream stream, LiveFeed feed, LiveViewer viewer) {
        feed.leave(viewer);
        if (feed.viewerCount() == 0 && feeds.get(feed.cameraId()) == feed) {
            feeds.remove(feed.cameraId());
            stream.setLiveTap(null);
            retiredBytes.addAndGet(feed.bytesSent());
            retiredDrops.addAndGet(feed.droppedToKeyframe());
        }
    }

    /** What a live page can offer for a camera: video, masked snapshots instead (and why), or nothing. */
    public enum Offer { VIDEO, SNAPSHOTS_MASKED, SNAPSHOTS_CODEC, NOT_STREAMING, DISABLED }

    /**
     * For the live page: the camera (404 outside scope), what can be shown, and whether a purpose must be stated.
     * Uses the same rule as {@link #open} (the policy through {@code CameraService.forLiveView}); logs nothing.
     */
    public record Plan(Camera camera, Offer offer, boolean purposeRequired) {
    }

    public Plan plan(Principal who, long cameraId) throws SQLException {
        Camera cam = cameras.visible(who, cameraId);
        boolean purposeRequired = false;
        try {
            cameras.forLiveView(who, cameraId, "");
        } catch (org.carewatch.core.districts.LiveViewDisabledException e) {
            return new Plan(cam, Offer.DISABLED, false);
        } catch (org.carewatch.core.errors.InvalidInputException e) {
            purposeRequired = "purpose".equals(e.field());
        }
        if (!cam.privacyMasks().isEmpty()) {
            return new Plan(cam, Offer.SNAPSHOTS_MASKED, purposeRequired);
        }
        Optional<Keyframe> k = fleet.heldStream(cameraId).flatMap(CameraStream::latestKeyframe);
        if (k.isEmpty()) {
            return new Plan(cam, Offer.NOT_STREAMING, purposeRequired);
        }
        return new Plan(cam, k.get().codec() == Codec.H264 ? Offer.VIDEO : Offer.SNAPSHOTS_CODEC, purposeRequired);
    }

    /** Viewers of one camera on this node now. */
    public synchronized int viewersOf(long cameraId) {
        LiveFeed f = feeds.get(cameraId);
        return f == null ? 0 : f.viewerCount();
    }

    synchronized int viewers() {
        return feeds.values().stream().mapToInt(LiveFeed::viewerCount).sum();
    }

    synchronized long bytesSent() {
        return retiredBytes.get() + feeds.values().stream().mapToLong(LiveFeed::bytesSent).sum();
    }

    synchronized long droppedToKeyframe() {
        return retiredDrops.get() + feeds.values().stream().mapToLong(LiveFeed::droppedToKeyframe).sum();
    }
}
