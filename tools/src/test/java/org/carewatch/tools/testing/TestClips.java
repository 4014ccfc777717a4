package org.carewatch.tools.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.carewatch.tools.clip.ClipGenerator;
import org.carewatch.tools.clip.ClipSpec;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.ingest.media.Codec;

/** Short generated clips shared by the tests, cached under target/ (never committed). */
public final class TestClips {

    public static final Path CACHE_DIR = Path.of("target", "test-clips");

    private TestClips() {
    }

    /** 640x360, 25 fps, GOP 25, 2 s: two keyframes. */
    public static ClipSpec shortSpec(Codec codec) {
        return new ClipSpec(codec, 640, 360, 25, 25, 2);
    }

    public static TestClip shortClip(Codec codec) {
        try {
            return ClipGenerator.generate(shortSpec(codec), CACHE_DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
