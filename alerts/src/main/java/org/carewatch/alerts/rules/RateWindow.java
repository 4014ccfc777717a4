package org.carewatch.alerts.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/** The recent values of one metric, for rate-of-change rules: the change across the rule's window. */
public final class RateWindow {
    private record Sample(Instant time, double value) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final Duration window;

    public RateWindow(Duration window) {
        this.window = window;
    }

    /** Adds a value and returns the largest absolute change from any value still inside the window. */
    public double add(Instant time, double value) {
        Instant oldest = time.minus(window);
        while (!samples.isEmpty() && samples.peekFirst().time().isBefore(oldest)) {
            samples.removeFirst();
        }
        double max = 0;
        for (Sample s : samples) {
            max = Math.max(max, Math.abs(value - s.value()));
        }
        samples.addLast(new Sample(time, value));
        // A device flooding us must not grow this without limit.
        if (samples.size() > 10_000) {
            samples.removeFirst();
        }
        return max;
    }
}
