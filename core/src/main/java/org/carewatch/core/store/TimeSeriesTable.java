package org.carewatch.core.store;

import java.util.List;

/**
 * An append-only, time-keyed table and how TimescaleDB should chunk and compress it. Readings segment by
 * sensor and metric, the columns of their unique identity besides time, so that a late or redelivered
 * reading into a compressed chunk is checked against one small batch.
 */
record TimeSeriesTable(String name, String chunkInterval, String segmentBy, String compressAfter) {
    static final List<TimeSeriesTable> ALL = List.of(
            new TimeSeriesTable("readings", "1 day", "sensor_id, metric", "7 days"),
            new TimeSeriesTable("stream_events", "7 days", "camera_id", "30 days"),
            new TimeSeriesTable("alert_events", "30 days", "alert_id", "90 days"));
}
