package org.carewatch.core.readings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps {@code reading_metric_hours} (the newest hour of each sensor's metric, which {@code sensor_latest}
 * reads) up to date for one {@link ReadingWriter}, cheaply: it remembers the hour it last recorded per
 * (sensor, metric), so a batch upserts only the pairs whose hour moved on, about once an hour per pair,
 * instead of one row per reading. What it remembers is only a cache (other writers and nodes record too,
 * and the upsert keeps the later hour), so it is bounded by forgetting everything when it grows too big.
 * Not thread-safe: one writer, one caller at a time.
 */
final class MetricHours {
    private static final String UPSERT = "INSERT INTO reading_metric_hours (sensor_id, metric, last_hour) VALUES (?, ?, ?) "
            + "ON CONFLICT (sensor_id, metric) DO UPDATE SET last_hour = EXCLUDED.last_hour "
            + "WHERE reading_metric_hours.last_hour < EXCLUDED.last_hour";
    /** About 100 bytes an entry: some 100,000 sensors with 5 metrics each. */
    static final int MAX_REMEMBERED = 500_000;
    private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::sensorId).thenComparing(Key::metric);

    record Key(long sensorId, String metric) {
    }

    private final Map<Key, Long> recorded = new HashMap<>();

    /**
     * Upserts the pairs of {@code readings} whose hour is later than recorded, in key order (so concurrent
     * writers lock rows in the same order and never deadlock), within the caller's transaction.
     *
     * @return what was written, to pass to {@link #committed} once the transaction commits
     */
    Map<Key, Long> record(Connection c, List<Reading> readings) throws SQLException {
        Map<Key, Long> advanced = new TreeMap<>(ORDER);
        for (Reading r : readings) {
            long hour = Math.floorDiv(r.time().getEpochSecond(), 3600L);
            Key k = new Key(r.sensorId(), r.metric());
            Long known = recorded.get(k);
            if (known == null || hour > known) {
                advanced.merge(k, hour, Math::max);
            }
        }
        if (advanced.isEmpty()) {
            return advanced;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (var e : advanced.entrySet()) {
                ps.setLong(1, e.getKey().sensorId());
                ps.setString(2, e.getKey().metric());
                ps.setTimestamp(3, Timestamp.from(Instant.ofEpochSecond(e.getValue() * 3600)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return advanced;
    }

    /** Remembers hours whose upsert committed (not before: a rolled-back batch is written again). */
    void committed(Map<Key, Long> written) {
        if (recorded.size() + written.size() > MAX_REMEMBERED) {
            recorded.clear();
        }
        written.forEach((k, hour) -> recorded.merge(k, hour, Math::max));
    }
}
