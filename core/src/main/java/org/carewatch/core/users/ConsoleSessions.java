package org.carewatch.core.users;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser console's sign-in: a password checked by {@link SignInService} (with its lockout) starts a new
 * session with a fresh id (so an id planted before sign-in is worthless: the old one is ended) and its own
 * CSRF token. A session ends when unused for the idle timeout, at its absolute timeout, at sign-out, or when
 * its user is deactivated. Kept in PostgreSQL, so any node resolves it and a restart keeps it.
 */
public final class ConsoleSessions {
    private static final Logger log = LoggerFactory.getLogger(ConsoleSessions.class);
    /** Session ids are 43 URL-safe characters; anything much longer is not one of ours. */
    private static final int MAX_ID = 100;

    private final SignInService signIns;
    private final SessionRepository sessions;
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;
    /** Last use is written at most this often per session (not at every request). */
    private final Duration touchEvery;

    public ConsoleSessions(SignInService signIns, SessionRepository sessions, Duration idle, Duration absolute, Clock clock) {
        this.signIns = signIns;
        this.sessions = sessions;
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
        Duration quarter = idle.dividedBy(4);
        this.touchEvery = quarter.compareTo(Duration.ofMinutes(1)) < 0 ? quarter : Duration.ofMinutes(1);
    }

    /**
     * Checks the password and starts a new session, ending {@code previousSessionId} (the browser's session
     * before, if any): the id always changes at sign-in. Refusals as {@link SignInService#checkPassword}, which
     * throttles by username and by {@code clientAddress}.
     */
    public StartedSession signIn(String username, String password, String clientAddress, String previousSessionId) throws SQLException {
        Principal p = signIns.checkPassword(username, password, clientAddress);
        Instant now = clock.instant();
        if (previousSessionId != null && !previousSessionId.isEmpty() && previousSessionId.length() <= MAX_ID) {
            sessions.end(previousSessionId, null, now);
        }
        String id = SessionRepository.randomSecret();
        String csrf = SessionRepository.randomSecret();
        Instant expires = now.plus(absolute);
        sessions.insert(id, p.userId(), csrf, now, expires);
        try {
            // Old rows go quietly: a day after they ended, nobody needs them.
            sessions.purge(now.minus(Duration.ofDays(1)));
        } catch (SQLException e) {
            log.warn("purging old console sessions failed: {}", e.getMessage());
        }
        return new StartedSession(id, new ConsoleSession(p, csrf, expires));
    }

    /** The live session with this id, or empty (unknown, ended, idle too long, past its absolute end, user inactive). */
    public Optional<ConsoleSession> resolve(String sessionId) throws SQLException {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > MAX_ID) {
            return Optional.empty();
        }
        Optional<SessionRepository.Row> row = sessions.find(sessionId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        SessionRepository.Row r = row.get();
        Instant now = clock.instant();
        if (!now.isBefore(r.expiresAt()) || !now.isBefore(r.lastSeenAt().plus(idle))) {
            sessions.end(sessionId, null, now);
            return Optional.empty();
        }
        if (!now.isBefore(r.lastSeenAt().plus(touchEvery))) {
            sessions.touch(sessionId, now);
        }
        return Optional.of(new ConsoleSession(r.principal(), r.csrfToken(), r.expiresAt()));
    }

    /**
     * Whether the session is still live, without counting this as a use (a page's open live stream asks this
     * now and then; only what the person does keeps a session from its idle timeout).
     */
    public boolean active(String sessionId) throws SQLException {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > MAX_ID) {
            return false;
        }
        Instant now = clock.instant();
        return sessions.find(sessionId).filter(r -> now.isBefore(r.expiresAt()) && now.isBefore(r.lastSeenAt().plus(idle))).isPresent();
    }

    /** Ends the caller's own session (every role may sign itself out); a session of someone else is left alone. */
    public void signOut(Principal who, String sessionId) throws SQLException {
        who.requireRole(Role.values());
        if (sessionId != null && sessionId.length() <= MAX_ID) {
            sessions.end(sessionId, who.userId(), clock.instant());
        }
    }

    /** Credential ids of sessions start with this; token credential ids are bare hashes. */
    public static final String CREDENTIAL_PREFIX = "session:";

    /**
     * The identity of a session for live streams to check later whether it still holds (its hash, useless for
     * signing in): what the HTTP layer keeps instead of the session id.
     */
    public static String credentialId(String sessionId) {
        return CREDENTIAL_PREFIX + SessionRepository.hashHex(sessionId == null ? "" : sessionId);
    }

    /** Of the given {@link #credentialId}s, those of sessions still live (see {@link #active}); not a use. */
    public java.util.Set<String> stillValid(java.util.Collection<String> credentialIds) throws SQLException {
        java.util.List<byte[]> hashes = credentialIds.stream().filter(id -> id.startsWith(CREDENTIAL_PREFIX))
                .map(id -> java.util.HexFormat.of().parseHex(id.substring(CREDENTIAL_PREFIX.length()))).toList();
        java.util.Set<String> live = new java.util.HashSet<>();
        for (String hex : sessions.liveHashes(hashes, clock.instant(), idle)) {
            live.add(CREDENTIAL_PREFIX + hex);
        }
        return live;
    }

    public Duration idleTimeout() {
        return idle;
    }
}
