package org.carewatch.ingest.snapshot;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.carewatch.ingest.media.Keyframe;

/** Decodes cached keyframes to JPEG with FFmpeg in-process on a bounded worker pool. */
public final class SnapshotDecoder implements AutoCloseable {

    private final SnapshotDecoderConfig config;

    public SnapshotDecoder(SnapshotDecoderConfig config) {
        this.config = config;
    }

    /**
     * A JPEG of {@code keyframe}, scaled down (aspect kept) to at most {@code maxWidth} pixels wide if given.
     * Fails with {@link SnapshotRejectedException} at once when the queue is full,
     * {@link UnsupportedCodecException} or {@link DecodeException} when FFmpeg cannot do it.
     */
    public CompletableFuture<byte[]> jpeg(Keyframe keyframe, OptionalInt maxWidth) {
        return CompletableFuture.failedFuture(new SnapshotException("not implemented yet"));
    }

    @Override
    public void close() {
    }
}
