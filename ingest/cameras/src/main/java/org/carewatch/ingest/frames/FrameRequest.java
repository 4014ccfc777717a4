package org.carewatch.ingest.frames;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;
import org.carewatch.core.cameras.Camera;
import org.carewatch.ingest.snapshot.DecodeRequest;

/**
 * What a caller wants of one frame of a camera. There is deliberately no way to say which masks: the
 * frame service always applies the camera's own.
 *
 * @param maxWidth scale down (aspect kept, even sizes) to at most this many pixels wide; empty = as decoded
 * @param jpeg     a JPEG
 * @param picture  the decoded picture
 * @param check    applied to the masked picture on the decoder worker (e.g. the frame-quality checks: quick,
 *                 pure CPU work); null for none
 * @param timeout  bound on sampling a camera that is not held (connect to first keyframe)
 */
public record FrameRequest<R>(OptionalInt maxWidth, boolean jpeg, boolean picture,
                              Function<? super BufferedImage, ? extends R> check, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public FrameRequest {
        Objects.requireNonNull(maxWidth, "maxWidth");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (!jpeg && !picture && check == null) {
            throw new IllegalArgumentException("ask for a JPEG, the picture or a check");
        }
    }

    /** A JPEG, scaled to {@code maxWidth} if given. */
    public static FrameRequest<Void> ofJpeg(OptionalInt maxWidth) {
        return new FrameRequest<>(maxWidth, true, false, null, DEFAULT_TIMEOUT);
    }

    /** The decoded picture only, as decoded. */
    public static FrameRequest<Void> ofPicture() {
        return new FrameRequest<>(OptionalInt.empty(), false, true, null, DEFAULT_TIMEOUT);
    }

    public FrameRequest<R> withJpeg() {
        return new FrameRequest<>(maxWidth, true, picture, check, timeout);
    }

    public FrameRequest<R> withPicture() {
        return new FrameRequest<>(maxWidth, jpeg, true, check, timeout);
    }

    public <T> FrameRequest<T> withCheck(Function<? super BufferedImage, ? extends T> check) {
        return new FrameRequest<>(maxWidth, jpeg, picture, Objects.requireNonNull(check, "check"), timeout);
    }

    public FrameRequest<R> withTimeout(Duration timeout) {
        return new FrameRequest<>(maxWidth, jpeg, picture, check, timeout);
    }

    /** The decoder's request: this one plus the camera's masks. */
    DecodeRequest<R> forCamera(Camera camera) {
        return new DecodeRequest<>(maxWidth, camera.privacyMasks(), jpeg, picture, check);
    }
}
