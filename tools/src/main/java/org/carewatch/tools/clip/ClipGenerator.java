package org.carewatch.tools.clip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.carewatch.ingest.media.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates test clips with FFmpeg (through JavaCV's bindings) and caches them on disk, so each
 * spec is encoded once per cache directory; loaded clips are also shared in memory.
 */
public final class ClipGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(ClipGenerator.class);
    private static final Map<Path, TestClip> LOADED = new ConcurrentHashMap<>();
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private ClipGenerator() {
    }

    /**
     * The clip for {@code spec}, read from {@code cacheDir} when generated before, else encoded now and
     * stored there. Throws {@link ClipGenerationException} when this FFmpeg build has no encoder for the codec.
     */
    public static TestClip generate(ClipSpec spec, Path cacheDir) throws IOException {
        Path file = ClipCacheFile.pathFor(cacheDir.toAbsolutePath().normalize(), spec);
        TestClip loaded = LOADED.get(file);
        if (loaded != null) {
            return loaded;
        }
        synchronized (LOCKS.computeIfAbsent(file, f -> new Object())) {
            loaded = LOADED.get(file);
            if (loaded != null) {
                return loaded;
            }
            TestClip clip = null;
            if (Files.isRegularFile(file)) {
                try {
                    clip = ClipCacheFile.read(file, spec);
                } catch (IOException e) {
                    LOG.warn("regenerating damaged clip cache {}: {}", file, e.getMessage());
                }
            }
            if (clip == null) {
                long start = System.nanoTime();
                clip = ClipEncoder.encode(spec);
                ClipCacheFile.write(file, clip);
                LOG.info("generated test clip {} ({} access units) in {} ms", spec.cacheKey(),
                        clip.accessUnits().size(), (System.nanoTime() - start) / 1_000_000);
            }
            LOADED.put(file, clip);
            return clip;
        }
    }

    /** True if this FFmpeg build can encode {@code codec} (H.265 needs the GPL build's libx265). */
    public static boolean canEncode(Codec codec) {
        return ClipEncoder.availableEncoder(codec) != null;
    }
}
