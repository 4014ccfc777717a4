package org.carewatch.ui.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs blocking work (JDBC, files) off the event loop on a bounded worker pool. When too much work is
 * already waiting, new work is refused at once with 503 instead of queueing without limit.
 */
public final class Blocking implements AutoCloseable {
    private final WorkerExecutor workers;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Blocking(Vertx vertx, int threads, int maxInFlight, MeterRegistry meters) {
        this.workers = vertx.createSharedWorkerExecutor("carewatch-jdbc", threads);
        this.maxInFlight = maxInFlight;
        if (meters != null) {
            meters.gauge("carewatch.http.blocking.in_flight", inFlight);
        }
    }

    public <T> Future<T> run(Callable<T> work) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return Future.failedFuture(new ApiError(503, "busy", "server is busy; retry shortly", null));
        }
        return workers.<T>executeBlocking(work, false).andThen(r -> inFlight.decrementAndGet());
    }

    @Override
    public void close() {
        workers.close();
    }
}
