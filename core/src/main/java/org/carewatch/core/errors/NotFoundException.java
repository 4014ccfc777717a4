package org.carewatch.core.errors;

/** The thing asked for does not exist, or is outside the caller's scope (HTTP 404). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
