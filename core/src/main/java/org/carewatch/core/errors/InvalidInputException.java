package org.carewatch.core.errors;

/** A request value is missing or wrong; {@link #field()} names it (HTTP 400). */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super("field '" + field + "': " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
