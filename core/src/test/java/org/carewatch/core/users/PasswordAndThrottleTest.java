package org.carewatch.core.users;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void throttleLocksAfterTooManyFailuresAndForgetsAfterTheWindow() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
        LoginThrottle t = new LoginThrottle(3, Duration.ofMinutes(5), clock);
        t.failed("officer1");
        t.failed("officer1");
        assertThat(t.locked("officer1")).isFalse();
        t.failed("officer1");
        assertThat(t.locked("officer1")).isTrue();
        assertThat(t.locked("officer2")).isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThat(t.locked("officer1")).isFalse();
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
