package org.carewatch.core.users;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.carewatch.core.errors.InvalidInputException;

/**
 * Sign-in and sign-out: checks a username and password (throttled by {@link LoginThrottle}) and issues a
 * bearer token; resolves a token back to its caller; revokes the caller's token and tells whoever holds a
 * live stream opened with it ({@link TokenRevocations}).
 */
public final class SignInService {
    /** Hash checked when the user does not exist, so timing does not reveal which usernames exist. */
    private static final String DUMMY_HASH = new PasswordHasher().hash("carewatch-timing-equaliser");
    private static final int MAX_USERNAME = 64;
    private static final int MAX_PASSWORD = 1024;

    /** Told about every token revoked here (e.g. so live streams opened with it end at once). */
    @FunctionalInterface
    public interface TokenRevocations {
        TokenRevocations NONE = tokenId -> {
        };

        /** @param tokenId {@link TokenRepository#tokenId} of the revoked token */
        void revoked(String tokenId);
    }

    private final UserRepository users;
    private final TokenRepository tokens;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Duration ttl;
    private final TokenRevocations revocations;

    public SignInService(UserRepository users, TokenRepository tokens, PasswordHasher hasher, LoginThrottle throttle, Duration ttl) {
        this(users, tokens, hasher, throttle, ttl, TokenRevocations.NONE);
    }

    public SignInService(UserRepository users, TokenRepository tokens, PasswordHasher hasher, LoginThrottle throttle, Duration ttl,
                         TokenRevocations revocations) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.throttle = throttle;
        this.ttl = ttl;
        this.revocations = revocations;
    }

    /**
     * A token for the user, or {@link SignInRefusedException}: wrong credentials (401), or too many failures
     * for now, with the time to wait (429); {@link InvalidInputException} when a field is missing. The only
     * method without a caller. {@code clientAddress} is the address the request came from.
     *
     * <p>Every attempt that gets past the throttle does the same work, whether or not the user exists or
     * the input is too long to be anyone's: a user look-up and one Argon2id check (against a dummy hash
     * when there is no user), so the time taken does not tell which usernames exist.
     */
    public SignedIn signIn(String username, String password, String clientAddress) throws SQLException {
        Principal p = checkPassword(username, password, clientAddress);
        var issued = tokens.issue(p.userId(), ttl);
        return new SignedIn(issued.token(), issued.expiresAt(), p);
    }

    /**
     * The user whose password this is, under the same throttling as {@link #signIn}; for sign-ins that are not
     * bearer tokens (the console's sessions). {@link SignInRefusedException} or {@link InvalidInputException}
     * as {@link #signIn}.
     */
    public Principal checkPassword(String username, String password, String clientAddress) throws SQLException {
        if (username == null || username.isBlank()) {
            throw new InvalidInputException("username", "is required");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("password", "is required");
        }
        String name = username.strip().toLowerCase(Locale.ROOT);
        boolean plausible = name.length() <= MAX_USERNAME && password.length() <= MAX_PASSWORD;
        String throttleName = plausible ? name : name.substring(0, Math.min(name.length(), MAX_USERNAME + 1));
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.begin(throttleName, clientAddress == null ? "" : clientAddress);
        } catch (LoginThrottle.Throttled t) {
            throw new SignInRefusedException(SignInRefusedException.Reason.THROTTLED, t.retryAfter());
        }
        var creds = users.credentials(plausible ? name : "");
        String hash = creds.map(UserRepository.Credentials::passwordHash).orElse(DUMMY_HASH);
        boolean ok = hasher.matches(plausible ? password : "", hash) && creds.isPresent() && plausible;
        if (!ok) {
            throw new SignInRefusedException(SignInRefusedException.Reason.INVALID_CREDENTIALS);
        }
        attempt.succeeded();
        return creds.get().principal();
    }

    /** The caller holding a valid, unexpired, unrevoked token of an active user. */
    public Optional<Principal> authenticate(String token) throws SQLException {
        return tokens.principal(token);
    }

    /**
     * Of the given token ids ({@link TokenRepository#tokenId}), those still valid (unexpired, unrevoked, of an
     * active user): for the node's own check of its open live streams, which acts for no caller.
     */
    public Set<String> stillValid(Collection<String> tokenIds) throws SQLException {
        return tokens.stillValid(tokenIds);
    }

    /** Revokes the token the caller signed in with (every role may sign itself out). */
    public void signOut(Principal who, String token) throws SQLException {
        who.requireRole(Role.values());
        // Only a token of the caller's own: one that resolves to someone else (or nobody) is left alone.
        if (tokens.principal(token).filter(p -> p.userId() == who.userId()).isPresent() && tokens.revoke(token)) {
            revocations.revoked(TokenRepository.tokenId(token));
        }
    }

    /**
     * The identity of a token for live streams to check later whether it still holds (its hash, useless for signing
     * in): what the HTTP layer keeps instead of the token itself.
     */
    public static String credentialId(String token) {
        return TokenRepository.tokenId(token);
    }
}
