package org.carewatch.app;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.carewatch.alerts.camera.FrameFlag;
import org.carewatch.alerts.camera.FrameQuality;
import org.carewatch.alerts.camera.FrameQualityResult;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.ingest.frames.FrameRequest;
import org.carewatch.ingest.frames.FrameService;
import org.carewatch.ingest.rtsp.RtspException;
import org.carewatch.ingest.snapshot.DecodeException;
import org.carewatch.ingest.snapshot.SnapshotRejectedException;
import org.carewatch.ingest.snapshot.UnsupportedCodecException;
import org.carewatch.patrol.frames.FrameSampler;
import org.carewatch.patrol.frames.FrameSource;
import org.carewatch.patrol.frames.FrameUnavailableException;

/**
 * The patrol's {@link FrameSource} over ingest's frame service: the camera's masks are painted into the decoded
 * picture before the JPEG is encoded, the frame-quality checks run on that masked picture on the decoder worker,
 * and the taking is logged with the patrol purpose. Why a camera gave nothing becomes a message key.
 */
public final class PatrolFrameSource implements FrameSource {
    private static final int MAX_WIDTH = 1280;

    private final FrameService frames;
    private final CameraRepository cameras;

    public PatrolFrameSource(FrameService frames, CameraRepository cameras) {
        this.frames = frames;
        this.cameras = cameras;
    }

    @Override
    public List<SourceCamera> activeCameras(long centreId) throws Exception {
        return cameras.listByCentre(centreId).stream().filter(Camera::active).map(c -> new SourceCamera(c.id(), frames.cached(c.id())))
                .sorted(java.util.Comparator.comparingLong(SourceCamera::id)).toList();
    }

    @Override
    public CompletableFuture<SourcedFrame> take(Principal who, long cameraId, Duration timeout) {
        FrameRequest<FrameQualityResult> request = FrameRequest.ofJpeg(OptionalInt.of(MAX_WIDTH))
                .withCheck((BufferedImage img) -> FrameQuality.assess(img, null)).withTimeout(timeout);
        CompletableFuture<SourcedFrame> out = new CompletableFuture<>();
        try {
            frames.sampleForPatrol(who, cameraId, FrameSampler.PURPOSE, request).whenComplete((f, e) -> {
                if (e != null) {
                    out.completeExceptionally(unavailable(e));
                } else {
                    out.complete(new SourcedFrame(f.capturedAt(), f.width(), f.height(), f.jpeg(), qualityJson(f.checked())));
                }
            });
        } catch (Exception e) {
            out.completeExceptionally(unavailable(e));
        }
        return out;
    }

    /** {"ok":..., "problems":[...], measures}: what the officer sees beside the frame. */
    static String qualityJson(FrameQualityResult q) {
        String problems = q.flags().stream().sorted().map(f -> "\"" + f.kind() + "\"").collect(Collectors.joining(","));
        return String.format(Locale.ROOT, "{\"ok\":%s,\"problems\":[%s],\"meanLuma\":%.1f,\"stdLuma\":%.1f,\"laplacianVariance\":%.1f,"
                + "\"flatFraction\":%.3f}", q.ok(), problems, q.meanLuma(), q.stdLuma(), q.laplacianVariance(), q.flatFraction());
    }

    private static FrameUnavailableException unavailable(Throwable e) {
        Throwable c = e;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        String key = switch (c) {
            case RtspException r -> r.failure().name().toLowerCase(Locale.ROOT);
            case SnapshotRejectedException r -> "busy";
            case UnsupportedCodecException u -> "unsupported_codec";
            case DecodeException d -> "decode_failed";
            case TimeoutException t -> "timeout";
            case NotFoundException n -> "not_found";
            default -> "error";
        };
        return new FrameUnavailableException(FrameUnavailableException.PREFIX + key, c.getMessage(), c);
    }
}
