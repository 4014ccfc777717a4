package org.carewatch.app;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads in-memory copies of configuration kept in the database (sensor placements, per-centre rule
 * overrides, webhooks) every so often. A change made through this node's API reloads at once; this picks up
 * changes made through another node of a cluster, and sensors registered since the last read. A failed read
 * keeps the copy it had and is tried again next time.
 */
final class PeriodicReload implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeriodicReload.class);

    /** One thing to re-read. */
    interface Source {
        void reload() throws Exception;
    }

    record Named(String name, Source source) {
    }

    private final List<Named> sources;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("config-reload").factory());

    PeriodicReload(List<Named> sources) {
        this.sources = List.copyOf(sources);
    }

    PeriodicReload start(Duration every) {
        timer.scheduleWithFixedDelay(this::reloadAll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    void reloadAll() {
        for (Named n : sources) {
            try {
                n.source().reload();
            } catch (Exception e) {
                log.warn("reloading {} failed (keeping the last copy): {}", n.name(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
