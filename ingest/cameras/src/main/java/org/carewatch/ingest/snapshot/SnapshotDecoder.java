package org.carewatch.ingest.snapshot;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.carewatch.ingest.media.Keyframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes cached keyframes (and vendors' JPEGs) with FFmpeg in-process on a bounded worker pool: a fixed
 * number of threads and a bounded queue; a request that finds the queue full fails at once with
 * {@link SnapshotRejectedException} (back-pressure, never an unbounded backlog). Each worker keeps its
 * own FFmpeg contexts (or creates them per call, see {@link SnapshotDecoderConfig#reuseContexts()}); they
 * are freed on the worker's own thread when the decoder is closed.
 */
public final class SnapshotDecoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotDecoder.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final SnapshotDecoderConfig config;
    private final ThreadPoolExecutor pool;
    private final ThreadLocal<FfmpegSnapshotSession> sessions = new ThreadLocal<>();

    public SnapshotDecoder(SnapshotDecoderConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        BlockingQueue<Runnable> queue = config.queueCapacity() == 0
                ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(config.queueCapacity());
        int poolId = POOLS.incrementAndGet();
        AtomicInteger threadId = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.SECONDS, queue, task -> {
            Thread t = new Thread(() -> {
                try {
                    task.run();
                } finally {
                    FfmpegSnapshotSession s = sessions.get();
                    if (s != null) {
                        s.close();
                        sessions.remove();
                    }
                }
            }, "snapshot-decoder-" + poolId + "-" + threadId.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    public SnapshotDecoder() {
        this(SnapshotDecoderConfig.DEFAULT);
    }

    /**
     * An unmasked JPEG of {@code keyframe}, scaled down (aspect kept, even sizes) to at most {@code maxWidth}
     * pixels wide if given: for keyframes that are not a registered camera's ({@code carewatch snapshot URL},
     * benchmarks). A registered camera's pictures go through the frame service, which adds its masks.
     * Failures as {@link #decode}.
     */
    public CompletableFuture<byte[]> jpeg(Keyframe keyframe, OptionalInt maxWidth) {
        Objects.requireNonNull(maxWidth, "maxWidth");
        DecodeRequest<Void> request;
        try {
            request = DecodeRequest.ofJpeg(maxWidth);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return decode(keyframe, request).thenApply(DecodedPicture::jpeg);
    }

    /**
     * Decodes {@code keyframe} once and makes what {@code request} asks from that one picture (JPEG,
     * picture, check), masks painted in. Completes on a decoder thread. Fails with
     * {@link SnapshotRejectedException} at once when the queue is full or the decoder closed; with
     * {@link UnsupportedCodecException} or {@link DecodeException} when FFmpeg cannot do it.
     */
    public <R> CompletableFuture<DecodedPicture<R>> decode(Keyframe keyframe, DecodeRequest<R> request) {
        Objects.requireNonNull(keyframe, "keyframe");
        Objects.requireNonNull(request, "request");
        return submit(new SnapshotTask<>(s -> s.decode(keyframe, request)));
    }

    /** As {@link #decode(Keyframe, DecodeRequest)} for a JPEG from elsewhere (a vendor's HTTP snapshot endpoint). */
    public <R> CompletableFuture<DecodedPicture<R>> decodeJpeg(byte[] jpeg, DecodeRequest<R> request) {
        Objects.requireNonNull(jpeg, "jpeg");
        Objects.requireNonNull(request, "request");
        return submit(new SnapshotTask<>(s -> s.decodeJpeg(jpeg, request)));
    }

    private <R> CompletableFuture<DecodedPicture<R>> submit(SnapshotTask<R> task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new SnapshotRejectedException(pool.isShutdown()
                    ? "snapshot decoder closed"
                    : "snapshot queue full (" + config.queueCapacity() + " waiting, " + config.threads() + " threads)"));
        }
        return task.result;
    }

    private final class SnapshotTask<R> implements Runnable {
        final Function<FfmpegSnapshotSession, DecodedPicture<R>> work;
        final CompletableFuture<DecodedPicture<R>> result = new CompletableFuture<>();

        SnapshotTask(Function<FfmpegSnapshotSession, DecodedPicture<R>> work) {
            this.work = work;
        }

        @Override
        public void run() {
            if (result.isDone()) {
                return; // cancelled while queued
            }
            try {
                result.complete(work.apply(session()));
            } catch (SnapshotException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("snapshot failed unexpectedly", e);
                result.completeExceptionally(new SnapshotException("snapshot failed: " + e, e));
            } finally {
                if (!config.reuseContexts()) {
                    FfmpegSnapshotSession once = sessions.get();
                    sessions.remove();
                    if (once != null) {
                        once.close();
                    }
                }
            }
        }
    }

    /** This worker's FFmpeg session (a fresh one per call when contexts are not reused). */
    private FfmpegSnapshotSession session() {
        FfmpegSnapshotSession s = sessions.get();
        if (s == null) {
            s = new FfmpegSnapshotSession(config.jpegQuality(), config.jpegEncoding());
            sessions.set(s);
        }
        return s;
    }

    /** Requests waiting in the queue now. */
    public int queued() {
        return pool.getQueue().size();
    }

    public SnapshotDecoderConfig config() {
        return config;
    }

    /**
     * Stops accepting requests, lets queued ones finish (up to 10 s), and frees every worker's FFmpeg
     * contexts. Requests still queued after that fail with {@link SnapshotRejectedException}.
     */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("snapshot decoder workers still busy after 10 s; interrupting");
                rejectAll(pool.shutdownNow());
            }
        } catch (InterruptedException e) {
            rejectAll(pool.shutdownNow());
            Thread.currentThread().interrupt();
        }
    }

    private static void rejectAll(java.util.List<Runnable> neverRun) {
        for (Runnable r : neverRun) {
            if (r instanceof SnapshotTask t) {
                t.result.completeExceptionally(new SnapshotRejectedException("snapshot decoder closed"));
            }
        }
    }
}
