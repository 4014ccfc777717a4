package org.carewatch.core.store;

import java.util.List;

/** An append-only, time-keyed table and how TimescaleDB should chunk and compress it. */
record TimeSeriesTable(String name, String chunkInterval, String segmentBy, String compressAfter) {
    static final List<TimeSeriesTable> ALL = List.of(
            new TimeSeriesTable("readings", "1 day", "sensor_id", "7 days"),
            new TimeSeriesTable("stream_events", "7 days", "camera_id", "30 days"),
            new TimeSeriesTable("alert_events", "30 days", "alert_id", "90 days"));
}
