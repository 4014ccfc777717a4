package org.carewatch.app;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.carewatch.alerts.engine.AlertEngine;
import org.carewatch.alerts.engine.FrameSample;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.ingest.fleet.CameraFleet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every period, decodes each held camera's cached keyframe once and hands the picture to the alert
 * engine's frame-quality checks (black, frozen, covered, blurred, dark, bright, colour cast). One camera
 * at a time, so the decoder pool is never flooded; the picture is neither shown nor stored.
 */
final class FrameQualitySampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrameQualitySampler.class);

    private final CameraFleet fleet;
    private final CameraRepository cameras;
    private final AlertEngine engine;
    private final Clock clock;
    private final Map<Long, Long> centreOfCamera = new ConcurrentHashMap<>();
    /** The keyframe each camera was last checked on: the same cached keyframe again says nothing new. */
    private final Map<Long, java.time.Instant> lastChecked = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("frame-quality").factory());

    FrameQualitySampler(CameraFleet fleet, CameraRepository cameras, AlertEngine engine, Clock clock) {
        this.fleet = fleet;
        this.cameras = cameras;
        this.engine = engine;
        this.clock = clock;
    }

    void start(Duration every) {
        timer.scheduleWithFixedDelay(this::sampleAll, every.toSeconds(), every.toSeconds(), TimeUnit.SECONDS);
    }

    /** One round over all streaming cameras; returns how many pictures were checked. */
    int sampleAll() {
        int checked = 0;
        for (long cameraId : fleet.streamingCameras()) {
            try {
                if (sample(cameraId)) {
                    checked++;
                }
            } catch (Exception e) {
                log.debug("camera {}: frame not checked: {}", cameraId, e.toString());
            }
        }
        return checked;
    }

    private boolean sample(long cameraId) throws Exception {
        Long centre = centreOfCamera.computeIfAbsent(cameraId, id -> {
            try {
                return cameras.find(id).map(Camera::centreId).orElse(null);
            } catch (SQLException e) {
                return null;
            }
        });
        var arrival = fleet.cachedKeyframeTime(cameraId);
        if (centre == null || arrival.isEmpty() || arrival.get().equals(lastChecked.get(cameraId))) {
            // No new keyframe since the last check (e.g. a stream without keyframes for a while): comparing our
            // own stale cache with itself would report a frozen camera that is not.
            return false;
        }
        var jpeg = fleet.cachedJpeg(cameraId);
        if (jpeg.isEmpty()) {
            return false;
        }
        lastChecked.put(cameraId, arrival.get());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg.get().get(10, TimeUnit.SECONDS)));
        if (img == null) {
            return false;
        }
        engine.onFrame(new FrameSample(centre, cameraId, clock.instant(), img));
        return true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
