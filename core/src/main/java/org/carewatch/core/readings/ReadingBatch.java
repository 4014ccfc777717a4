package org.carewatch.core.readings;

import java.util.List;

/** What one write commits together: readings, device events and rejected messages. */
public record ReadingBatch(List<Reading> readings, List<DeviceEvent> events, List<RejectedMessage> rejected) {
    public ReadingBatch {
        readings = List.copyOf(readings);
        events = List.copyOf(events);
        rejected = List.copyOf(rejected);
    }

    public boolean isEmpty() {
        return readings.isEmpty() && events.isEmpty() && rejected.isEmpty();
    }
}
