package org.carewatch.ingest.clip;

import java.io.IOException;
import java.nio.file.Path;

/** Generates test clips with FFmpeg (through JavaCV) and caches them on disk. */
public final class ClipGenerator {

    private ClipGenerator() {
    }

    /**
     * The clip for {@code spec}, read from {@code cacheDir} when generated before, else encoded now and
     * stored there. Throws {@link ClipGenerationException} when this FFmpeg build has no encoder for the codec.
     */
    public static TestClip generate(ClipSpec spec, Path cacheDir) throws IOException {
        throw new ClipGenerationException("not implemented yet");
    }
}
