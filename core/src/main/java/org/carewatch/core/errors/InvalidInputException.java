package org.carewatch.core.errors;

/**
 * A request value is missing or wrong; {@link #field()} names it (HTTP 400). When {@link #unprocessable()}, the
 * value is well-formed but contradicts the rest of the request or the stored state (HTTP 422).
 */
public class InvalidInputException extends RuntimeException {
    private final String field;
    private final boolean unprocessable;

    public InvalidInputException(String field, String message) {
        this(field, false, message);
    }

    protected InvalidInputException(String field, boolean unprocessable, String message) {
        super("field '" + field + "': " + message);
        this.field = field;
        this.unprocessable = unprocessable;
    }

    public String field() {
        return field;
    }

    public boolean unprocessable() {
        return unprocessable;
    }
}
