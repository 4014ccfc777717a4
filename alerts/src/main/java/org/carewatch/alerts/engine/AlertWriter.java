package org.carewatch.alerts.engine;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.profiles.sensor.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's database work on one thread, most severe first (a smoke alarm does not wait
 * behind a battery warning), in order within a severity so one rule's raise, clear and state writes
 * never overtake each other. A failed write is retried a few times, then logged.
 */
final class AlertWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertWriter.class);
    private static final int ATTEMPTS = 5;

    private interface Work {
        void run() throws SQLException;
    }

    private record Job(int priority, long seq, String what, Work work) {
    }

    private final AlertService alerts;
    private final RuleStateRepository states;
    private final PriorityBlockingQueue<Job> queue = new PriorityBlockingQueue<>(64,
            Comparator.comparingInt(Job::priority).thenComparingLong(Job::seq));
    private final AtomicLong seq = new AtomicLong();
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile boolean running = true;
    private Thread thread;

    AlertWriter(AlertService alerts, RuleStateRepository states) {
        this.alerts = alerts;
        this.states = states;
    }

    void start() {
        // A platform thread: the life-safety path must not wait for a carrier shared with other virtual threads.
        thread = Thread.ofPlatform().daemon().name("alert-writer").start(this::loop);
    }

    void raise(Trigger t) {
        submit(t.severity(), "raise " + t.dedupKey(), () -> alerts.raise(t));
    }

    void clear(String dedupKey, Instant time, Severity s) {
        submit(s, "clear " + dedupKey, () -> {
            Optional<Alert> a = alerts.repository().activeByKey(dedupKey);
            if (a.isPresent()) {
                alerts.conditionCleared(a.get().id(), time, Map.of("clearedAt", time.toString()));
            }
        });
    }

    void save(Tracker t, Severity s) {
        // Copy now: the tracker keeps changing under the engine's lock.
        Tracker copy = new Tracker(t.key, t.phase, t.since, t.samples, t.template, t.dueAfter, t.schedule);
        submit(s, "save state " + t.key, () -> states.save(copy));
    }

    void delete(String key, Severity s) {
        submit(s, "delete state " + key, () -> states.delete(key));
    }

    private void submit(Severity s, String what, Work w) {
        outstanding.incrementAndGet();
        queue.add(new Job(s.ordinal(), seq.incrementAndGet(), what, w));
    }

    boolean idle() {
        return outstanding.get() == 0;
    }

    private void loop() {
        while (running) {
            Job j;
            try {
                j = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                runWithRetry(j);
            } finally {
                outstanding.decrementAndGet();
            }
        }
    }

    private void runWithRetry(Job j) {
        for (int attempt = 1; ; attempt++) {
            try {
                j.work().run();
                return;
            } catch (NotFoundException e) {
                log.warn("alert writer: {} dropped: {}", j.what(), e.getMessage());
                return;
            } catch (SQLException | RuntimeException e) {
                if (attempt >= ATTEMPTS || !running) {
                    log.error("alert writer: {} failed after {} attempt(s): {}", j.what(), attempt, e.toString());
                    return;
                }
                try {
                    Thread.sleep(100L << attempt);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Finishes queued work (up to a few seconds), then stops. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!idle() && System.nanoTime() < deadline && thread != null && thread.isAlive()) {
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
