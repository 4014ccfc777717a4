package org.carewatch.core.errors;

/** The caller's role may not do this, whatever the object (HTTP 403). Scope misses are {@link NotFoundException}. */
public class ForbiddenException extends RuntimeException {
    private final String field;

    public ForbiddenException(String message) {
        this(null, message);
    }

    /** Refused because of one request value (e.g. another district's id): {@code field} names it, as a 403 answer does. */
    public ForbiddenException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field the refusal is about, or null. */
    public String field() {
        return field;
    }
}
