package org.carewatch.ingest.snapshot;

/**
 * @param threads       decoder worker threads (each keeps its own FFmpeg contexts)
 * @param queueCapacity snapshot requests that may wait; beyond it requests are rejected at once
 * @param jpegQuality   1 (worst) .. 100 (best)
 */
public record SnapshotDecoderConfig(int threads, int queueCapacity, int jpegQuality) {

    public static final SnapshotDecoderConfig DEFAULT = new SnapshotDecoderConfig(
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 64, 85);

    public SnapshotDecoderConfig {
        if (threads < 1 || queueCapacity < 0 || jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("threads >= 1, queueCapacity >= 0, jpegQuality 1..100");
        }
    }
}
