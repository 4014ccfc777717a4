package org.carewatch.core.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PasswordAndThrottleTest {
    @Test
    void argon2idHashesVerifyOnlyTheRightPassword() {
        PasswordHasher h = new PasswordHasher();
        String hash = h.hash("正确的密码 correct");
        assertThat(hash).startsWith("$argon2id$");
        assertThat(h.matches("正确的密码 correct", hash)).isTrue();
        assertThat(h.matches("wrong", hash)).isFalse();
        assertThat(h.matches("x", "not-a-hash")).isFalse();
        assertThat(h.matches(null, hash)).isFalse();
    }

    private static final LoginThrottle.Limits LIMITS = new LoginThrottle.Limits(3, 10, 20, Duration.ofMinutes(15),
            Duration.ofSeconds(1), Duration.ofMinutes(15));

    @Test
    void delaysBeginAfterTheAllowanceAndDoubleAndAnEarlyAttemptIsNeitherCheckedNorCounted() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
        LoginThrottle t = new LoginThrottle(LIMITS, clock);
        for (int i = 0; i < 3; i++) {
            t.begin("officer1", "10.0.0.1");
        }
        assertThatThrownBy(() -> t.begin("officer1", "10.0.0.1")).isInstanceOf(LoginThrottle.Throttled.class)
                .extracting(e -> ((LoginThrottle.Throttled) e).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        // Waiting out the delay lets one more attempt through; failing it doubles the delay.
        clock.now = clock.now.plusSeconds(1);
        t.begin("officer1", "10.0.0.1");
        assertThatThrownBy(() -> t.begin("officer1", "10.0.0.1")).extracting(e -> ((LoginThrottle.Throttled) e).retryAfter())
                .isEqualTo(Duration.ofSeconds(2));
        // Refused attempts did not count: after two seconds the next wait is four, not more.
        clock.now = clock.now.plusSeconds(2);
        t.begin("officer1", "10.0.0.1");
        assertThatThrownBy(() -> t.begin("officer1", "10.0.0.1")).extracting(e -> ((LoginThrottle.Throttled) e).retryAfter())
                .isEqualTo(Duration.ofSeconds(4));
        // Another address is not held up, and the counters are forgotten after the window.
        t.begin("officer1", "10.0.0.2").succeeded();
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        t.begin("officer1", "10.0.0.1");
    }

    @Test
    void parallelGuessesAreCountedBeforeTheyAreChecked() throws Exception {
        LoginThrottle t = new LoginThrottle(LIMITS, Clock.systemUTC());
        int guesses = 40;
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger through = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < guesses; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    t.begin("admin", "203.0.113.9");
                    through.incrementAndGet();
                } catch (LoginThrottle.Throttled e) {
                    throttled.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertThat(through.get()).isEqualTo(3);
        assertThat(throttled.get()).isEqualTo(guesses - 3);
    }

    @Test
    void guessingFromManyAddressesSlowsTheUsernameButNotWhereTheUserSignsIn() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
        LoginThrottle t = new LoginThrottle(LIMITS, clock);
        t.begin("head", "10.1.1.1").succeeded(); // the real user's usual address
        for (int i = 0; i < 20; i++) {
            t.begin("head", "198.51.100." + i);
        }
        assertThatThrownBy(() -> t.begin("head", "198.51.100.200")).isInstanceOf(LoginThrottle.Throttled.class);
        t.begin("head", "10.1.1.1").succeeded();
        // One address trying many usernames is slowed too.
        for (int i = 0; i < 10; i++) {
            t.begin("user" + i, "203.0.113.5");
        }
        assertThatThrownBy(() -> t.begin("user99", "203.0.113.5")).isInstanceOf(LoginThrottle.Throttled.class);
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
