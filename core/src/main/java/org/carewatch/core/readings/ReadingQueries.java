package org.carewatch.core.readings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.carewatch.core.errors.InvalidInputException;

/** Reads for the console and API: latest values, raw or bucketed series (hourly rollup for long buckets). */
public final class ReadingQueries {
    /** Most raw rows one request returns; longer ranges must be bucketed. */
    public static final int MAX_RAW_ROWS = 10_000;
    /** Ranges longer than this are bucketed when the caller does not choose. */
    static final Duration RAW_UP_TO = Duration.ofHours(6);
    /** Roughly how many buckets an automatic bucket size aims for. */
    static final int TARGET_BUCKETS = 300;
    private static final String ORIGIN = "timestamptz '2000-01-01 00:00:00+00'";

    private final DataSource ds;
    private final HourlyRollup rollup;

    /** @param rollup the store's hourly rollup ({@link HourlyRollup#of}) */
    public ReadingQueries(DataSource ds, HourlyRollup rollup) {
        this.ds = ds;
        this.rollup = rollup;
    }

    public record LatestValue(String metric, Instant time, double value) {
    }

    /** One point: a raw reading (n = 1, min = max = value) or a bucket's mean, min, max and count. */
    public record Point(Instant time, String metric, double value, double min, double max, long n) {
    }

    /** @param bucket null for raw readings */
    public record Series(Instant from, Instant to, Duration bucket, String source, List<Point> points) {
    }

    /** The newest reading of each metric of a sensor (the {@code sensor_latest} function over the readings index). */
    public List<LatestValue> latest(long sensorId) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT metric, time, value FROM sensor_latest(?)")) {
            ps.setLong(1, sensorId);
            try (ResultSet rs = ps.executeQuery()) {
                List<LatestValue> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new LatestValue(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3)));
                }
                return out;
            }
        }
    }

    /** The sensor's most recent online/offline event, if any. */
    public Optional<DeviceEvent> lastDeviceEvent(long sensorId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT time, centre_id, online, reason FROM device_events WHERE sensor_id = ? ORDER BY time DESC LIMIT 1")) {
            ps.setLong(1, sensorId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new DeviceEvent(rs.getTimestamp(1).toInstant(), rs.getLong(2), sensorId, rs.getBoolean(3), rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    /** The last known online state of every sensor that has device events. */
    public java.util.Map<Long, Boolean> lastDeviceStates() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT ON (sensor_id) sensor_id, online FROM device_events ORDER BY sensor_id, time DESC")) {
            try (ResultSet rs = ps.executeQuery()) {
                java.util.Map<Long, Boolean> out = new java.util.HashMap<>();
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getBoolean(2));
                }
                return out;
            }
        }
    }

    /**
     * Readings of one sensor in {@code [from, to)}. {@code bucket} null: raw readings when the range is
     * short, else an automatic bucket; a bucket of whole hours is read from the hourly rollup.
     */
    public Series series(long sensorId, Instant from, Instant to, Duration bucket) throws SQLException {
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to", "must be after 'from'");
        }
        if (bucket != null && (bucket.isNegative() || bucket.compareTo(Duration.ofSeconds(1)) < 0 || bucket.compareTo(Duration.ofDays(366)) > 0)) {
            throw new InvalidInputException("bucket", "must be between PT1S and P366D");
        }
        Duration range = Duration.between(from, to);
        if (bucket == null && range.compareTo(RAW_UP_TO) > 0) {
            bucket = autoBucket(range);
        }
        if (bucket == null) {
            return new Series(from, to, null, "readings", raw(sensorId, from, to));
        }
        if (range.dividedBy(bucket) > MAX_RAW_ROWS) {
            throw new InvalidInputException("bucket", "too small for this range: at most " + MAX_RAW_ROWS + " buckets");
        }
        boolean hourly = bucket.toSeconds() % 3600 == 0 && bucket.toNanosPart() == 0;
        return new Series(from, to, bucket, hourly ? "readings_hourly" : "readings",
                !hourly ? bucketed(sensorId, from, to, bucket)
                        : rollup == HourlyRollup.CONTINUOUS_AGGREGATE ? fromAggregate(sensorId, from, to, bucket)
                        : fromRollup(sensorId, from, to, bucket));
    }

    /** A round bucket giving about {@link #TARGET_BUCKETS} points. */
    static Duration autoBucket(Duration range) {
        long[] steps = {60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400};
        long want = Math.max(1, range.toSeconds() / TARGET_BUCKETS);
        for (long s : steps) {
            if (s >= want) {
                return Duration.ofSeconds(s);
            }
        }
        return Duration.ofDays(30);
    }

    private List<Point> raw(long sensorId, Instant from, Instant to) throws SQLException {
        String sql = "SELECT time, metric, value FROM readings WHERE sensor_id = ? AND time >= ? AND time < ? ORDER BY time, metric LIMIT ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, sensorId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            ps.setInt(4, MAX_RAW_ROWS + 1);
            try (ResultSet rs = ps.executeQuery()) {
                List<Point> out = new ArrayList<>();
                while (rs.next()) {
                    double v = rs.getDouble(3);
                    out.add(new Point(rs.getTimestamp(1).toInstant(), rs.getString(2), v, v, v, 1));
                }
                if (out.size() > MAX_RAW_ROWS) {
                    throw new InvalidInputException("bucket", "more than " + MAX_RAW_ROWS + " readings in this range; give a bucket such as PT5M");
                }
                return out;
            }
        }
    }

    private List<Point> bucketed(long sensorId, Instant from, Instant to, Duration bucket) throws SQLException {
        String sql = "SELECT date_bin(?::interval, time, " + ORIGIN + ") AS b, metric, avg(value), min(value), max(value), count(*) "
                + "FROM readings WHERE sensor_id = ? AND time >= ? AND time < ? GROUP BY b, metric ORDER BY b, metric";
        return points(sql, sensorId, from, to, bucket);
    }

    /**
     * Closed hours that are rolled up and clean come from {@code readings_hourly}; the open hour and hours
     * with readings not yet rolled up come from {@code readings}. Exact at any moment.
     */
    private List<Point> fromRollup(long sensorId, Instant from, Instant to, Duration bucket) throws SQLException {
        String sql = "WITH bounds AS (SELECT date_bin('1 hour', ?::timestamptz, " + ORIGIN + ") AS lo, ?::timestamptz AS hi, "
                + "date_bin('1 hour', now(), " + ORIGIN + ") AS open_hour), "
                + "hours AS ("
                + "  SELECT h.bucket, h.metric, h.n, h.sum, h.min, h.max FROM readings_hourly h, bounds b "
                + "  WHERE h.sensor_id = ? AND h.bucket >= b.lo AND h.bucket < b.hi AND h.bucket < b.open_hour "
                + "    AND NOT EXISTS (SELECT 1 FROM rollup_dirty d WHERE d.bucket = h.bucket) "
                + "  UNION ALL "
                + "  SELECT date_bin('1 hour', r.time, " + ORIGIN + "), r.metric, count(*), sum(r.value), min(r.value), max(r.value) "
                + "  FROM readings r, bounds b WHERE r.sensor_id = ? AND r.time >= greatest(b.lo, b.open_hour) AND r.time < b.hi "
                + "  GROUP BY 1, 2 "
                + "  UNION ALL "
                + "  SELECT d.bucket, r.metric, count(*), sum(r.value), min(r.value), max(r.value) "
                + "  FROM rollup_dirty d JOIN bounds b ON d.bucket >= b.lo AND d.bucket < b.hi AND d.bucket < b.open_hour "
                + "  JOIN readings r ON r.sensor_id = ? AND r.time >= d.bucket AND r.time < d.bucket + interval '1 hour' "
                + "  GROUP BY 1, 2) "
                + "SELECT date_bin(?::interval, bucket, " + ORIGIN + ") AS b, metric, sum(sum) / sum(n), min(min), max(max), sum(n) "
                + "FROM hours GROUP BY b, metric ORDER BY b, metric";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setLong(3, sensorId);
            ps.setLong(4, sensorId);
            ps.setLong(5, sensorId);
            ps.setString(6, bucket.toSeconds() + " seconds");
            return read(ps);
        }
    }

    /**
     * The same series from the continuous aggregate ({@link HourlyRollup#AGGREGATE}, real-time: hours not
     * yet materialized are aggregated from {@code readings} by TimescaleDB). Like {@link #fromRollup}, an
     * hour that starts before {@code to} counts whole, except at or after the open hour, where only
     * readings before {@code to} count: the hour that {@code to} cuts (the open hour when {@code to} is
     * now, the default) comes from {@code readings} up to {@code to}.
     */
    private List<Point> fromAggregate(long sensorId, Instant from, Instant to, Duration bucket) throws SQLException {
        String sql = "WITH bounds AS (SELECT date_bin('1 hour', ?::timestamptz, " + ORIGIN + ") AS lo, ?::timestamptz AS hi, "
                + "date_bin('1 hour', now(), " + ORIGIN + ") AS open_hour), "
                + "hours AS ("
                + "  SELECT a.bucket, a.metric, a.n, a.sum, a.min, a.max FROM " + HourlyRollup.AGGREGATE + " a, bounds b "
                + "  WHERE a.sensor_id = ? AND a.bucket >= b.lo AND a.bucket < b.hi "
                + "    AND (a.bucket < b.open_hour OR a.bucket + interval '1 hour' <= b.hi) "
                + "  UNION ALL "
                + "  SELECT date_bin('1 hour', r.time, " + ORIGIN + "), r.metric, count(*), sum(r.value), min(r.value), max(r.value) "
                + "  FROM readings r, bounds b WHERE r.sensor_id = ? "
                + "    AND r.time >= greatest(b.lo, b.open_hour, date_bin('1 hour', b.hi, " + ORIGIN + ")) AND r.time < b.hi "
                + "  GROUP BY 1, 2) "
                + "SELECT date_bin(?::interval, bucket, " + ORIGIN + ") AS b, metric, sum(sum) / sum(n), min(min), max(max), sum(n) "
                + "FROM hours GROUP BY b, metric ORDER BY b, metric";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setLong(3, sensorId);
            ps.setLong(4, sensorId);
            ps.setString(5, bucket.toSeconds() + " seconds");
            return read(ps);
        }
    }

    private List<Point> points(String sql, long sensorId, Instant from, Instant to, Duration bucket) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, bucket.toSeconds() + " seconds");
            ps.setLong(2, sensorId);
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setTimestamp(4, Timestamp.from(to));
            return read(ps);
        }
    }

    private static List<Point> read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Point> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Point(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getLong(6)));
            }
            return out;
        }
    }
}
