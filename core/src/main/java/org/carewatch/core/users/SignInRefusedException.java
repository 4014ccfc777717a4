package org.carewatch.core.users;

/**
 * Sign-in refused: wrong or unknown credentials (HTTP 401), or the username is locked after repeated
 * failures (HTTP 429). Never says which part of the credentials was wrong.
 */
public final class SignInRefusedException extends RuntimeException {
    public enum Reason {
        INVALID_CREDENTIALS, LOCKED
    }

    private final Reason reason;

    public SignInRefusedException(Reason reason) {
        super(null, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
