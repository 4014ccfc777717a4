package org.carewatch.core.users;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.carewatch.core.errors.InvalidInputException;

/**
 * Sign-in and sign-out: checks a username and password (with the lockout of {@link LoginThrottle}) and
 * issues a bearer token; resolves a token back to its caller; revokes the caller's token.
 */
public final class SignInService {
    /** Hash checked when the user does not exist, so timing does not reveal which usernames exist. */
    private static final String DUMMY_HASH = new PasswordHasher().hash("carewatch-timing-equaliser");
    private static final int MAX_USERNAME = 64;
    private static final int MAX_PASSWORD = 1024;

    private final UserRepository users;
    private final TokenRepository tokens;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Duration ttl;

    public SignInService(UserRepository users, TokenRepository tokens, PasswordHasher hasher, LoginThrottle throttle, Duration ttl) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.throttle = throttle;
        this.ttl = ttl;
    }

    /**
     * A token for the user, or {@link SignInRefusedException} (wrong credentials, or locked after repeated
     * failures); {@link InvalidInputException} when a field is missing. The only method without a caller.
     */
    public SignedIn signIn(String username, String password) throws SQLException {
        Principal p = checkPassword(username, password);
        var issued = tokens.issue(p.userId(), ttl);
        return new SignedIn(issued.token(), issued.expiresAt(), p);
    }

    /**
     * The user whose password this is, under the same lockout as {@link #signIn}; for sign-ins that are not
     * bearer tokens (the console's sessions). {@link SignInRefusedException} or {@link InvalidInputException}
     * as {@link #signIn}.
     */
    public Principal checkPassword(String username, String password) throws SQLException {
        if (username == null || username.isBlank()) {
            throw new InvalidInputException("username", "is required");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("password", "is required");
        }
        String name = username.strip().toLowerCase(Locale.ROOT);
        if (name.length() > MAX_USERNAME || password.length() > MAX_PASSWORD) {
            throw new SignInRefusedException(SignInRefusedException.Reason.INVALID_CREDENTIALS);
        }
        if (throttle.locked(name)) {
            throw new SignInRefusedException(SignInRefusedException.Reason.LOCKED);
        }
        var creds = users.credentials(name);
        boolean ok = hasher.matches(password, creds.map(UserRepository.Credentials::passwordHash).orElse(DUMMY_HASH)) && creds.isPresent();
        if (!ok) {
            throttle.failed(name);
            throw new SignInRefusedException(SignInRefusedException.Reason.INVALID_CREDENTIALS);
        }
        throttle.succeeded(name);
        return creds.get().principal();
    }

    /** The caller holding a valid, unexpired, unrevoked token of an active user. */
    public Optional<Principal> authenticate(String token) throws SQLException {
        return tokens.principal(token);
    }

    /** Revokes the token the caller signed in with (every role may sign itself out). */
    public void signOut(Principal who, String token) throws SQLException {
        who.requireRole(Role.values());
        // Only a token of the caller's own: one that resolves to someone else (or nobody) is left alone.
        if (tokens.principal(token).filter(p -> p.userId() == who.userId()).isPresent()) {
            tokens.revoke(token);
        }
    }
}
