package org.carewatch.core.errors;

/** The caller's role may not do this, whatever the object (HTTP 403). Scope misses are {@link NotFoundException}. */
public class ForbiddenException extends RuntimeException {
    private final String field;

    public ForbiddenException(String message) {
        this(null, message);
    }

    /** @param field the request field whose value the caller may not use (e.g. another district's id), or null */
    public ForbiddenException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field that is refused, or null when the action itself is. */
    public String field() {
        return field;
    }
}
