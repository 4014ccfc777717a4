package org.carewatch.ingest.frames;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.carewatch.core.audit.AccessLog;
import org.carewatch.core.audit.AccessRecord;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.users.Principal;
import org.carewatch.ingest.fleet.CameraFleet;

/**
 * The one way to a picture of children: takes the snapshot, applies the camera's privacy masks, and
 * writes who saw what, when and why to the access log before the picture is handed out. If the log
 * cannot be written, the picture is not shown.
 */
public final class FrameAccess {
    private static final java.util.concurrent.Executor VIRTUAL = task -> Thread.ofVirtual().name("frame-access").start(task);

    private final CameraFleet fleet;
    private final AccessLog log;
    private final Clock clock;

    public FrameAccess(CameraFleet fleet, AccessLog log, Clock clock) {
        this.fleet = fleet;
        this.log = log;
        this.clock = clock;
    }

    /** Blocking parts (registry, log) run on the caller's thread: call off event loops. */
    public CompletableFuture<byte[]> snapshot(Principal who, Camera cam, String purpose, String client, OptionalInt maxWidth,
                                              Duration timeout) throws SQLException {
        // Masking and the log write block: they run on a virtual thread, not on a decoder or event-loop thread.
        return fleet.snapshot(cam.id(), maxWidth, timeout).thenApplyAsync(jpeg -> {
            try {
                byte[] masked = PrivacyMasks.apply(jpeg, cam.privacyMasks());
                log.append(new AccessRecord(clock.instant(), who.userId(), who.username(), who.role().code(), "snapshot", "camera",
                        cam.id(), cam.centreId(), purpose == null ? "" : purpose, client == null ? "" : client));
                return masked;
            } catch (IOException | SQLException e) {
                throw new CompletionException(e);
            }
        }, VIRTUAL);
    }
}
