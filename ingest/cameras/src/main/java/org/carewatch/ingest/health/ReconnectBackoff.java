package org.carewatch.ingest.health;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between reconnect attempts: exponential with jitter. Attempt n waits a random time in
 * {@code [d/2, d]} where {@code d = min(cap, initial × 2^n)}; the first retry comes within {@code initial}.
 *
 * <p>Two caps: failures that need a configuration change (auth failed, not found, unsupported codec) grow to
 * {@code attentionCap} (60 s by default) so a wrong password does not hammer a camera; transient failures
 * (offline, stalled) grow only to {@code transientCap} (5 s by default) so a camera that comes back is
 * streaming again within 10 s. Not thread-safe.
 */
public final class ReconnectBackoff {

    public static final Duration DEFAULT_INITIAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TRANSIENT_CAP = Duration.ofSeconds(5);
    public static final Duration DEFAULT_ATTENTION_CAP = Duration.ofSeconds(60);

    private final long initialNanos;
    private final long transientCapNanos;
    private final long attentionCapNanos;
    private int attempt;

    public ReconnectBackoff() {
        this(DEFAULT_INITIAL, DEFAULT_TRANSIENT_CAP, DEFAULT_ATTENTION_CAP);
    }

    public ReconnectBackoff(Duration initial, Duration transientCap, Duration attentionCap) {
        if (initial.isNegative() || initial.isZero() || transientCap.compareTo(initial) < 0
                || attentionCap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= caps");
        }
        this.initialNanos = initial.toNanos();
        this.transientCapNanos = transientCap.toNanos();
        this.attentionCapNanos = attentionCap.toNanos();
    }

    /** The delay before the next attempt after a failure that left the stream in {@code state}. */
    public Duration next(StreamState state) {
        long cap = state != null && state.needsAttention() ? attentionCapNanos : transientCapNanos;
        int shift = Math.min(attempt, 30);
        long d = initialNanos << shift;
        if (d <= 0 || d > cap) {
            d = cap;
        }
        attempt++;
        long half = d / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** Call when a connection succeeded in streaming. */
    public void reset() {
        attempt = 0;
    }

    public int attempts() {
        return attempt;
    }
}
