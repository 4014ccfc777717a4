package org.carewatch.alerts.engine;

import java.time.Duration;
import java.time.Instant;
import org.carewatch.alerts.model.Trigger;

/**
 * Evaluation state of one rule on one source: pending (the condition holds since {@code since}, not yet
 * for long enough) or active (raised; waiting for the condition to clear). Idle rules have no tracker.
 */
final class Tracker {
    enum Phase { PENDING, ACTIVE }

    final String key;
    Phase phase;
    Instant since;
    int samples;
    Trigger template;
    Duration dueAfter;
    String schedule;

    Tracker(String key, Phase phase, Instant since, int samples, Trigger template, Duration dueAfter, String schedule) {
        this.key = key;
        this.phase = phase;
        this.since = since;
        this.samples = samples;
        this.template = template;
        this.dueAfter = dueAfter;
        this.schedule = schedule;
    }
}
