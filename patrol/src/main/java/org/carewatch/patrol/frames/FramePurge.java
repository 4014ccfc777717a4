package org.carewatch.patrol.frames;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.patrol.access.Access;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames' retention ({@code patrol.frameRetentionDays}): files older than it are deleted and their rows
 * marked purged (the row stays: the record of what was sampled outlives the picture). A frame a suspected-abuse
 * finding refers to ({@code protected_by_alert}) is kept while that alert is not closed by the district; the
 * alert's state is read through the alerts module's service. Blocking: run on a virtual thread.
 */
public final class FramePurge {
    private static final Logger log = LoggerFactory.getLogger(FramePurge.class);
    private static final int BATCH = 500;

    private final FrameRepository frames;
    private final FrameFiles files;
    private final AlertService alerts;
    private final Duration retention;
    private final Clock clock;

    public record Result(int purged, int keptProtected) {
    }

    public FramePurge(FrameRepository frames, FrameFiles files, AlertService alerts, Duration retention, Clock clock) {
        this.frames = frames;
        this.files = files;
        this.alerts = alerts;
        this.retention = retention;
        this.clock = clock;
    }

    public Result purge() throws SQLException {
        Instant now = clock.instant();
        Instant cutOff = now.minus(retention);
        Map<Long, Boolean> closed = new HashMap<>();
        int purged = 0;
        int kept = 0;
        long after = 0;
        while (true) {
            List<FrameRepository.PurgeCandidate> batch = frames.purgeCandidates(cutOff, after, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (FrameRepository.PurgeCandidate f : batch) {
                after = f.id();
                if (f.protectedByAlert() != null) {
                    long alertId = f.protectedByAlert();
                    Boolean isClosed = closed.get(alertId);
                    if (isClosed == null) {
                        isClosed = alertClosed(f.districtId(), alertId);
                        closed.put(alertId, isClosed);
                    }
                    if (!isClosed) {
                        kept++;
                        continue;
                    }
                }
                try {
                    files.delete(f.filePath());
                    frames.markPurged(f.id(), now);
                    purged++;
                } catch (IOException | RuntimeException e) {
                    log.warn("frame {} not purged: {}", f.id(), e.toString());
                }
            }
        }
        if (purged > 0 || kept > 0) {
            log.info("patrol frames older than {}: {} purged, {} kept for open alerts", cutOff, purged, kept);
        }
        return new Result(purged, kept);
    }

    /** Closed by the district; an alert we cannot find keeps its frames (a protection is never dropped by accident). */
    private boolean alertClosed(long districtId, long alertId) throws SQLException {
        try {
            return alerts.visible(Access.system(districtId, "frame-purge"), alertId).state() == AlertState.CLOSED;
        } catch (NotFoundException e) {
            log.warn("frames protected by alert {} kept: the alert is not found in district {}", alertId, districtId);
            return false;
        }
    }
}
