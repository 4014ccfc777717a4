package org.carewatch.tools.clip;

import java.util.Locale;
import java.util.Objects;
import org.carewatch.ingest.media.Codec;

/**
 * What test clip to generate: a moving scene with a burned-in frame counter and timestamp.
 *
 * @param gop frames from one keyframe to the next
 */
public record ClipSpec(Codec codec, int width, int height, int fps, int gop, int durationSeconds) {

    public ClipSpec {
        Objects.requireNonNull(codec, "codec");
        if (width < 64 || height < 64 || width > 3840 || height > 2160 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("width/height must be even, 64..3840 x 64..2160");
        }
        if (fps < 1 || fps > 60 || gop < 1 || gop > 600 || durationSeconds < 1 || durationSeconds > 600) {
            throw new IllegalArgumentException("fps 1..60, gop 1..600, duration 1..600 s");
        }
    }

    /** 640x360, 25 fps, GOP 25, 10 s. */
    public static ClipSpec defaults(Codec codec) {
        return new ClipSpec(codec, 640, 360, 25, 25, 10);
    }

    public int frameCount() {
        return fps * durationSeconds;
    }

    /** RTP (90 kHz) ticks per frame. */
    public long frameDuration90k() {
        return 90_000L / fps;
    }

    /** A file-name-safe key for the on-disk cache. */
    public String cacheKey() {
        return String.format(Locale.ROOT, "%s-%dx%d-%dfps-gop%d-%ds", codec.name().toLowerCase(Locale.ROOT),
                width, height, fps, gop, durationSeconds);
    }
}
