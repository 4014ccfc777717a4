package org.carewatch.core.store;

/** The database cannot be reached or used; callers answer 503 and say why. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
