package org.carewatch.alerts.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Looks for overdue acknowledgements and answers on a scheduled virtual thread and escalates them. */
public final class Escalator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Escalator.class);

    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("alert-escalation").factory());

    public Escalator(AlertService alerts, Duration every) {
        exec.scheduleWithFixedDelay(() -> {
            try {
                alerts.escalateOverdue();
            } catch (Exception e) {
                log.warn("escalation check failed (retried next round): {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }
}
