package org.carewatch.core.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slows password guessing without a lock an attacker could hold. Three counters of failed sign-ins: per
 * username and client address, per client address, and per username across all addresses. Past its
 * allowance a counter makes the next attempt wait (a delay doubling with each further failure, capped);
 * an attempt that comes too early is refused with the time to wait, is not checked and is not counted.
 *
 * <p>An attempt is counted as a failure the moment it is let through, before its password is checked
 * ({@link #begin}); a success takes that count back ({@link Attempt#succeeded}). So parallel guesses
 * cannot all pass the check before the first failure is counted. The username-wide counter does not hold
 * up addresses the user has signed in from, and the other two are per address: guesses from one
 * address never keep the real user out at another. Counted the same whether or not the username exists.
 * Kept per node in memory.
 */
public final class LoginThrottle {
    private static final int MAX_TRACKED = 200_000;
    private static final int TRUSTED_PER_USER = 16;
    private static final Duration TRUST_FOR = Duration.ofDays(30);

    /**
     * @param perPair     failures for one username from one address before delays begin
     * @param perAddress  failures from one address before delays begin
     * @param perUsername failures for one username from all addresses before delays begin (not for its trusted addresses)
     * @param forgetAfter a counter is dropped this long after its last failure (once no delay is pending)
     */
    public record Limits(int perPair, int perAddress, int perUsername, Duration forgetAfter, Duration firstDelay, Duration maxDelay) {
    }

    /** Sign-in refused for now: try again after {@code retryAfter}. */
    public static final class Throttled extends RuntimeException {
        private final Duration retryAfter;

        Throttled(Duration retryAfter) {
            super(null, null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    private static final class Counter {
        int failures;
        Instant lastFailure;
        Instant notBefore;
    }

    private record Key(char kind, String username, String address) {
    }

    private final Limits limits;
    private final Clock clock;
    private final Map<Key, Counter> counters = new HashMap<>();
    /** username -> address -> last successful sign-in from it. */
    private final Map<String, LinkedHashMap<String, Instant>> trusted = new HashMap<>();

    public LoginThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** One attempt let through and already counted as a failure. */
    public final class Attempt {
        private final List<Key> keys;
        private final String username;
        private final String address;

        private Attempt(List<Key> keys, String username, String address) {
            this.keys = keys;
            this.username = username;
            this.address = address;
        }

        /** The password was right: the attempt no longer counts, and the address becomes one the user signs in from. */
        public void succeeded() {
            synchronized (LoginThrottle.this) {
                for (Key k : keys) {
                    if (k.kind == 'p') {
                        counters.remove(k);
                        continue;
                    }
                    Counter c = counters.get(k);
                    if (c != null) {
                        c.failures = Math.max(0, c.failures - 1);
                        if (c.failures < allowance(k)) {
                            c.notBefore = null;
                        }
                    }
                }
                var mine = trusted.computeIfAbsent(username, u -> new LinkedHashMap<>());
                mine.remove(address);
                mine.put(address, clock.instant());
                while (mine.size() > TRUSTED_PER_USER) {
                    mine.remove(mine.keySet().iterator().next());
                }
            }
        }
    }

    /**
     * Lets an attempt through and counts it as a failure, or throws {@link Throttled} with the time to wait
     * (the attempt is then neither checked nor counted).
     */
    public synchronized Attempt begin(String username, String address) {
        Instant now = clock.instant();
        if (counters.size() > MAX_TRACKED) {
            prune(now);
        }
        List<Key> keys = new ArrayList<>(3);
        keys.add(new Key('p', username, address));
        keys.add(new Key('a', null, address));
        if (!trustedAddress(username, address, now)) {
            keys.add(new Key('u', username, null));
        }
        Duration wait = Duration.ZERO;
        for (Key k : keys) {
            Counter c = counters.get(k);
            if (c != null && expired(c, now)) {
                counters.remove(k);
            } else if (c != null && c.notBefore != null && c.notBefore.isAfter(now)) {
                Duration left = Duration.between(now, c.notBefore);
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        if (!wait.isZero()) {
            throw new Throttled(wait);
        }
        for (Key k : keys) {
            Counter c = counters.computeIfAbsent(k, x -> new Counter());
            c.failures++;
            c.lastFailure = now;
            int over = c.failures - allowance(k);
            if (over >= 0) {
                c.notBefore = now.plus(delay(over));
            }
        }
        return new Attempt(keys, username, address);
    }

    private int allowance(Key k) {
        return switch (k.kind) {
            case 'p' -> limits.perPair();
            case 'a' -> limits.perAddress();
            default -> limits.perUsername();
        };
    }

    /** The delay after {@code over + 1} failures past the allowance: the first delay doubled {@code over} times, capped. */
    private Duration delay(int over) {
        Duration d = limits.firstDelay();
        for (int i = 0; i < over && d.compareTo(limits.maxDelay()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : d;
    }

    private boolean expired(Counter c, Instant now) {
        return (c.notBefore == null || !c.notBefore.isAfter(now)) && c.lastFailure.plus(limits.forgetAfter()).isBefore(now);
    }

    private boolean trustedAddress(String username, String address, Instant now) {
        var mine = trusted.get(username);
        if (mine == null) {
            return false;
        }
        Instant last = mine.get(address);
        return last != null && last.plus(TRUST_FOR).isAfter(now);
    }

    private void prune(Instant now) {
        counters.values().removeIf(c -> expired(c, now));
        trusted.values().forEach(m -> m.values().removeIf(t -> !t.plus(TRUST_FOR).isAfter(now)));
        trusted.values().removeIf(Map::isEmpty);
    }
}
