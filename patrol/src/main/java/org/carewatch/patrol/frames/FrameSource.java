package org.carewatch.patrol.frames;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.carewatch.core.users.Principal;

/**
 * Where patrol sampling gets its pictures: implemented over ingest's frame service by the node's wiring (this
 * module does not depend on ingest). The implementation applies the camera's privacy masks before it hands
 * a JPEG out, runs the frame-quality checks on the masked picture and writes the access log with the patrol
 * purpose.
 */
public interface FrameSource {

    /** An active camera of a centre; {@code cached}: its held stream has a keyframe here (no connection needed). */
    record SourceCamera(long id, boolean cached) {
    }

    /** A masked frame: JPEG bytes, and the frame-quality checks' result as JSON text. */
    record SourcedFrame(Instant takenAt, int width, int height, byte[] jpeg, String qualityJson) {
    }

    /** The centre's active cameras, in id order. Blocking (store reads): call off event loops. */
    List<SourceCamera> activeCameras(long centreId) throws Exception;

    /**
     * A masked frame of the camera, taken as {@code who} (a system principal of the district). Fails with
     * {@link FrameUnavailableException} naming why when the camera gives none within {@code timeout}.
     */
    CompletableFuture<SourcedFrame> take(Principal who, long cameraId, Duration timeout);
}
