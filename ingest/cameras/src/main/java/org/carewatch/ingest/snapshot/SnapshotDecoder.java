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
import org.carewatch.ingest.media.Keyframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes cached keyframes to JPEG with FFmpeg in-process on a bounded worker pool: a fixed number of
 * threads and a bounded queue; a request that finds the queue full fails at once with
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
     * A JPEG of {@code keyframe}, scaled down (aspect kept, even sizes) to at most {@code maxWidth} pixels
     * wide if given. Completes on a decoder thread. Fails with {@link SnapshotRejectedException} at once
     * when the queue is full or the decoder closed; with {@link UnsupportedCodecException} or
     * {@link DecodeException} when FFmpeg cannot do it.
     */
    public CompletableFuture<byte[]> jpeg(Keyframe keyframe, OptionalInt maxWidth) {
        Objects.requireNonNull(keyframe, "keyframe");
        Objects.requireNonNull(maxWidth, "maxWidth");
        if (maxWidth.isPresent() && (maxWidth.getAsInt() < 2 || maxWidth.getAsInt() > 16384)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("maxWidth 2..16384"));
        }
        SnapshotTask task = new SnapshotTask(keyframe, maxWidth);
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new SnapshotRejectedException(pool.isShutdown()
                    ? "snapshot decoder closed"
                    : "snapshot queue full (" + config.queueCapacity() + " waiting, " + config.threads() + " threads)"));
        }
        return task.result;
    }

    private final class SnapshotTask implements Runnable {
        final Keyframe keyframe;
        final OptionalInt maxWidth;
        final CompletableFuture<byte[]> result = new CompletableFuture<>();

        SnapshotTask(Keyframe keyframe, OptionalInt maxWidth) {
            this.keyframe = keyframe;
            this.maxWidth = maxWidth;
        }

        @Override
        public void run() {
            if (result.isDone()) {
                return; // cancelled while queued
            }
            try {
                result.complete(decode(keyframe, maxWidth));
            } catch (SnapshotException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("snapshot failed unexpectedly", e);
                result.completeExceptionally(new SnapshotException("snapshot failed: " + e, e));
            }
        }
    }

    private byte[] decode(Keyframe keyframe, OptionalInt maxWidth) {
        if (!config.reuseContexts()) {
            try (FfmpegSnapshotSession once = new FfmpegSnapshotSession(config.jpegQuality(), config.jpegEncoding())) {
                return once.jpeg(keyframe, maxWidth);
            }
        }
        FfmpegSnapshotSession s = sessions.get();
        if (s == null) {
            s = new FfmpegSnapshotSession(config.jpegQuality(), config.jpegEncoding());
            sessions.set(s);
        }
        return s.jpeg(keyframe, maxWidth);
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
