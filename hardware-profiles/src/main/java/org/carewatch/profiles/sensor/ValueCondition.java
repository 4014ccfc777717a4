package org.carewatch.profiles.sensor;

import java.util.List;

/** A test on one payload value: the value at {@code path}, as text, is one of {@code values}. */
public record ValueCondition(PayloadPath path, List<String> values) {

    public ValueCondition {
        values = List.copyOf(values);
    }
}
