package org.carewatch.patrol.schedule;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * When a round's frames are taken: a moment drawn uniformly inside the {@code lead} before the round starts,
 * from a {@link SecureRandom} (never from the published seed: a centre that can recompute the plan must not be
 * able to compute when its cameras are sampled).
 */
public final class SampleMoment {
    private final SecureRandom random;

    public SampleMoment(SecureRandom random) {
        this.random = random;
    }

    /** A moment in {@code [roundStart - leadMinutes, roundStart)}; the start itself when the lead is 0. */
    public Instant before(Instant roundStart, int leadMinutes) {
        if (leadMinutes <= 0) {
            return roundStart;
        }
        long leadMillis = leadMinutes * 60_000L;
        return roundStart.minusMillis(leadMillis).plusMillis(random.nextLong(leadMillis));
    }
}
