package org.carewatch.profiles.sensor;

import java.util.List;

/** Where the observation time is in a payload and how it is written. */
public record TimestampField(List<PayloadPath> paths, TimestampFormat format) {

    public TimestampField {
        paths = List.copyOf(paths);
    }
}
