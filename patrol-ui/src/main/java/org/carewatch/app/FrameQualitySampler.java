package org.carewatch.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.carewatch.alerts.engine.AlertEngine;
import org.carewatch.alerts.engine.FrameSample;
import org.carewatch.ingest.fleet.CameraFleet;
import org.carewatch.ingest.frames.CameraFrame;
import org.carewatch.ingest.frames.FrameRequest;
import org.carewatch.ingest.frames.FrameService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every period, takes each held camera's cached keyframe as a decoded, masked picture from the frame
 * service (no JPEG in between) and hands it to the alert engine's frame-quality checks (black, frozen,
 * covered, blurred, dark, bright, colour cast). One camera at a time, so the decoder pool is never
 * flooded; the picture is neither shown nor stored.
 */
final class FrameQualitySampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrameQualitySampler.class);

    private final CameraFleet fleet;
    private final FrameService frames;
    private final AlertEngine engine;
    private final Clock clock;
    /** The keyframe each camera was last checked on: the same cached keyframe again says nothing new. */
    private final Map<Long, Instant> lastChecked = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("frame-quality").factory());

    FrameQualitySampler(CameraFleet fleet, FrameService frames, AlertEngine engine, Clock clock) {
        this.fleet = fleet;
        this.frames = frames;
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
        var arrival = fleet.cachedKeyframeTime(cameraId);
        if (arrival.isEmpty() || arrival.get().equals(lastChecked.get(cameraId))) {
            // No new keyframe since the last check (e.g. a stream without keyframes for a while): comparing our
            // own stale cache with itself would report a frozen camera that is not.
            return false;
        }
        var pending = frames.inspectCached(cameraId, FrameRequest.ofPicture());
        if (pending.isEmpty()) {
            return false;
        }
        CameraFrame<Void> frame = pending.get().get(10, TimeUnit.SECONDS);
        lastChecked.put(cameraId, frame.capturedAt());
        engine.onFrame(new FrameSample(frame.centreId(), cameraId, clock.instant(), frame.picture()));
        return true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
