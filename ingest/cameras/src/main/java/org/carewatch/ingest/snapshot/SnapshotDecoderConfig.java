package org.carewatch.ingest.snapshot;

import java.util.Objects;

/**
 * @param threads        decoder worker threads
 * @param queueCapacity  snapshot requests that may wait; beyond it requests are rejected at once
 * @param jpegQuality    1 (worst) .. 100 (best)
 * @param jpegEncoding   JPEG encoder (FFmpeg's mjpeg is the faster one, see SnapshotBench)
 * @param reuseContexts  keep FFmpeg decoder/encoder contexts per worker thread (freed when the decoder
 *                       closes) instead of creating and freeing them on every snapshot
 */
public record SnapshotDecoderConfig(int threads, int queueCapacity, int jpegQuality, JpegEncoding jpegEncoding,
                                    boolean reuseContexts) {

    public static final SnapshotDecoderConfig DEFAULT = new SnapshotDecoderConfig(
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 64, 85);

    public SnapshotDecoderConfig {
        if (threads < 1 || threads > 64 || queueCapacity < 0 || jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("threads 1..64, queueCapacity >= 0, jpegQuality 1..100");
        }
        Objects.requireNonNull(jpegEncoding, "jpegEncoding");
    }

    /** FFmpeg mjpeg encoding, contexts reused per worker thread. */
    public SnapshotDecoderConfig(int threads, int queueCapacity, int jpegQuality) {
        this(threads, queueCapacity, jpegQuality, JpegEncoding.FFMPEG_MJPEG, true);
    }
}
