package org.carewatch.core.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Console sessions in PostgreSQL: a new id at every sign-in, idle and absolute timeouts, sign-out, deactivated users. */
class ConsoleSessionsIT {
    static TestDatabase db;
    static Store store;
    static final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T01:00:00Z"));
    static ConsoleSessions sessions;
    static long districtId;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.create();
        var cfg = ConfigLoader.defaults();
        store = Store.open(cfg.store(), db.jdbcUrl(), db.user(), db.password(), null);
        TestData data = new TestData(store.dataSource());
        districtId = data.district("D1");
        data.user("officer1", "officer-password-1", Role.OFFICER, districtId);
        data.user("officer2", "officer-password-2", Role.OFFICER, districtId);
        data.user("guesser", "guesser-password-1", Role.OFFICER, districtId);
        SignInService signIns = new SignInService(new UserRepository(store.dataSource()), new TokenRepository(store.dataSource(), clock),
                new PasswordHasher(), new LoginThrottle(new LoginThrottle.Limits(5, 20, 50, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(15)), clock), Duration.ofHours(12));
        sessions = new ConsoleSessions(signIns, new SessionRepository(store.dataSource()), Duration.ofMinutes(30), Duration.ofHours(8), clock);
    }

    @AfterAll
    static void tearDown() {
        store.close();
        db.close();
    }

    @Test
    void signInGivesANewIdAndEndsTheOneBefore() throws Exception {
        StartedSession first = sessions.signIn("officer1", "officer-password-1", "10.0.0.1", null);
        assertThat(first.sessionId()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(first.session().csrfToken()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(first.sessionId());
        assertThat(sessions.resolve(first.sessionId())).get().extracting(s -> s.principal().username()).isEqualTo("officer1");
        StartedSession second = sessions.signIn("officer1", "officer-password-1", "10.0.0.1", first.sessionId());
        assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
        assertThat(second.session().csrfToken()).isNotEqualTo(first.session().csrfToken());
        assertThat(sessions.resolve(first.sessionId())).isEmpty();
        assertThat(sessions.resolve(second.sessionId())).isPresent();
        // Only the hash is stored.
        try (var c = store.connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM console_sessions WHERE encode(id_hash, 'escape') LIKE '%" + second.sessionId() + "%'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void wrongPasswordsAreRefusedUnderTheSameThrottle() {
        assertThatThrownBy(() -> sessions.signIn("guesser", "wrong", "10.0.0.1", null)).isInstanceOf(SignInRefusedException.class);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> sessions.signIn("guesser", "wrong", "10.0.0.1", null)).isInstanceOf(SignInRefusedException.class);
        }
        assertThatThrownBy(() -> sessions.signIn("guesser", "guesser-password-1", "10.0.0.1", null)).isInstanceOf(SignInRefusedException.class)
                .satisfies(e -> assertThat(((SignInRefusedException) e).reason()).isEqualTo(SignInRefusedException.Reason.THROTTLED));
    }

    @Test
    void idleAndAbsoluteTimeoutsEndSessions() throws Exception {
        StartedSession s = sessions.signIn("officer1", "officer-password-1", "10.0.0.1", null);
        // Used every 20 minutes: it lives on, but never past 8 hours after sign-in.
        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(sessions.resolve(s.sessionId())).as("after %d min", (i + 1) * 20).isPresent();
        }
        clock.advance(Duration.ofMinutes(20)); // 8 h after sign-in
        assertThat(sessions.resolve(s.sessionId())).isEmpty();

        StartedSession idle = sessions.signIn("officer1", "officer-password-1", "10.0.0.1", null);
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.active(idle.sessionId())).isTrue();
        // Asking whether it is active is not a use: 31 minutes after the last use it has ended.
        clock.advance(Duration.ofMinutes(2));
        assertThat(sessions.active(idle.sessionId())).isFalse();
        assertThat(sessions.resolve(idle.sessionId())).isEmpty();
    }

    @Test
    void signOutEndsOnlyTheCallersOwnSession() throws Exception {
        StartedSession mine = sessions.signIn("officer1", "officer-password-1", "10.0.0.1", null);
        StartedSession theirs = sessions.signIn("officer2", "officer-password-2", "10.0.0.1", null);
        Principal me = mine.session().principal();
        sessions.signOut(me, theirs.sessionId());
        assertThat(sessions.resolve(theirs.sessionId())).isPresent();
        sessions.signOut(me, mine.sessionId());
        assertThat(sessions.resolve(mine.sessionId())).isEmpty();
        assertThat(sessions.resolve("not-a-session")).isEmpty();
        assertThat(sessions.resolve(null)).isEmpty();
    }

    @Test
    void aDeactivatedUsersSessionsStopWorking() throws Exception {
        new TestData(store.dataSource()).user("leaver", "leaver-password-1", Role.AUDITOR, districtId);
        StartedSession s = sessions.signIn("leaver", "leaver-password-1", "10.0.0.1", null);
        try (var c = store.connection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE users SET active = false WHERE username = 'leaver'");
        }
        assertThat(sessions.resolve(s.sessionId())).isEmpty();
    }

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
