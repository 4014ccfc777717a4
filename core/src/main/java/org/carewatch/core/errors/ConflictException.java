package org.carewatch.core.errors;

/** The change clashes with the current state: a duplicate code or a stale version (HTTP 409). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
