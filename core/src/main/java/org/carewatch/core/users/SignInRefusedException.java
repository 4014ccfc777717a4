package org.carewatch.core.users;

import java.time.Duration;

/**
 * Sign-in refused: wrong or unknown credentials (HTTP 401), or too many failed attempts for now (HTTP 429,
 * with the time to wait). Never says which part of the credentials was wrong, nor whether the user exists.
 */
public final class SignInRefusedException extends RuntimeException {
    public enum Reason {
        INVALID_CREDENTIALS, THROTTLED
    }

    private final Reason reason;
    private final Duration retryAfter;

    public SignInRefusedException(Reason reason) {
        this(reason, null);
    }

    public SignInRefusedException(Reason reason, Duration retryAfter) {
        super(null, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#THROTTLED}: how long to wait before the next attempt; else null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
