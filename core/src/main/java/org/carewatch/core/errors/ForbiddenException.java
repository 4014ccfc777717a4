package org.carewatch.core.errors;

/** The caller's role may not do this, whatever the object (HTTP 403). Scope misses are {@link NotFoundException}. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
