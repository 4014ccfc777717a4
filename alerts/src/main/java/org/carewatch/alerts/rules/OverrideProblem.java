package org.carewatch.alerts.rules;

import org.carewatch.core.errors.InvalidInputException;

/**
 * A centre override that cannot be applied to its rule. {@code unprocessable}: the value is well-formed
 * but contradicts the rule (e.g. a clear threshold on the wrong side of the threshold; HTTP 422);
 * otherwise the value itself is out of range (HTTP 400). {@link #field()} names the request field.
 */
public final class OverrideProblem extends InvalidInputException {
    public OverrideProblem(String field, boolean unprocessable, String message) {
        super(field, unprocessable, message);
    }
}
