package org.carewatch.alerts.rules;

/**
 * A centre override that cannot be applied to its rule. {@code unprocessable}: the value is well-formed
 * but contradicts the rule (e.g. a clear threshold on the wrong side of the threshold; HTTP 422);
 * otherwise the value itself is out of range (HTTP 400). {@link #field()} names the request field.
 */
public final class OverrideProblem extends RuntimeException {
    private final String field;
    private final boolean unprocessable;

    public OverrideProblem(String field, boolean unprocessable, String message) {
        super(message);
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
