package org.carewatch.ingest.stream;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.rtsp.RtspException;
import org.carewatch.ingest.rtsp.RtspTransport;
import org.carewatch.ingest.rtsp.SnapshotFailure;
import org.carewatch.ingest.snapshot.DecodeException;
import org.carewatch.ingest.snapshot.SnapshotDecoder;
import org.carewatch.ingest.snapshot.SnapshotDecoderConfig;
import org.carewatch.ingest.snapshot.UnsupportedCodecException;

/**
 * One JPEG from an RTSP URL: samples the first keyframe and decodes it on the snapshot decoder's worker
 * pool. What {@code carewatch snapshot} uses. Failures are {@link RtspException}s naming one
 * {@link SnapshotFailure}.
 */
public final class RtspSnapshotter implements AutoCloseable {

    private final IngestEventLoop loop;
    private final SnapshotDecoder decoder;
    private final boolean owns;
    private final KeyframeSampler sampler;

    public RtspSnapshotter(IngestEventLoop loop, SnapshotDecoder decoder) {
        this(loop, decoder, false);
    }

    private RtspSnapshotter(IngestEventLoop loop, SnapshotDecoder decoder, boolean owns) {
        this.loop = loop;
        this.decoder = decoder;
        this.owns = owns;
        this.sampler = new KeyframeSampler(loop);
    }

    /** A snapshotter with its own small event loop group and decoder; close it when done. */
    public static RtspSnapshotter create() {
        return new RtspSnapshotter(IngestEventLoop.create("carewatch-snapshot", 1),
                new SnapshotDecoder(SnapshotDecoderConfig.DEFAULT), true);
    }

    public CompletableFuture<byte[]> snapshot(String url, RtspTransport transport, Duration timeout) {
        return snapshot(url, RtspClientOptions.defaults().withTransport(transport), timeout);
    }

    /** The JPEG; fails with an {@link RtspException} (never a wrapped one). */
    public CompletableFuture<byte[]> snapshot(String url, RtspClientOptions options, Duration timeout) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        sampler.sampleKeyframe(url, options, timeout)
                .thenCompose(k -> decoder.jpeg(k, OptionalInt.empty()))
                .whenComplete((jpeg, e) -> {
                    if (e == null) {
                        result.complete(jpeg);
                    } else {
                        result.completeExceptionally(classify(e));
                    }
                });
        return result;
    }

    private static RtspException classify(Throwable e) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (c instanceof UnsupportedCodecException) {
            return new RtspException(SnapshotFailure.UNSUPPORTED_CODEC, c.getMessage(), c);
        }
        if (c instanceof DecodeException || c instanceof org.carewatch.ingest.snapshot.SnapshotException) {
            return new RtspException(SnapshotFailure.DECODE_FAILED, c.getMessage(), c);
        }
        return RtspException.of(c);
    }

    @Override
    public void close() {
        if (owns) {
            decoder.close();
            loop.close();
        }
    }
}
