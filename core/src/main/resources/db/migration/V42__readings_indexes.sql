-- The indexes of readings, the table every sensor value goes into (100k rows a second and more). Each
-- index costs every inserted row a descent into a B-tree; on the ingest path they were most of
-- PostgreSQL's work, and PostgreSQL about a third of the machine's.

-- readings_centre_time (centre_id, time DESC) served no query: readings are read per sensor. Meanwhile the
-- rollup job (one hour across all sensors) and the retention job (everything before a time) select by time
-- alone, which no index served on plain PostgreSQL: a full scan per hour rolled up. A BRIN index on time
-- serves both at next to no cost per insert, because readings arrive in time order (late ones, replayed
-- from the spool, only widen a few block ranges); autosummarize has autovacuum summarize each full range.
DROP INDEX IF EXISTS readings_centre_time;
CREATE INDEX IF NOT EXISTS readings_time_brin ON readings USING brin (time) WITH (autosummarize = on);

-- The identity index becomes (sensor_id, time, metric): the same uniqueness, but the 4-8 readings of one
-- message are neighbours (one leaf page instead of one per metric), its fixed-width prefix compares
-- cheaply, and a sensor has one insertion point instead of one per metric. Range queries per sensor read
-- it in time order as before. Measured: a quarter less PostgreSQL time per row at 2 million rows, and the
-- gap grows with the table.
--
-- The latest-value view lost its loose index scan over (sensor_id, metric), so the newest hour of each
-- (sensor, metric) is kept in reading_metric_hours by the reading writer (an upsert only when a pair's
-- hour moves on, about once an hour per pair), and sensor_latest reads only that hour of the sensor's
-- rows: the newest reading of the metric is in it by construction, so the lookup is exact and bounded.
CREATE TABLE reading_metric_hours (
    sensor_id bigint      NOT NULL,
    metric    text        NOT NULL,
    last_hour timestamptz NOT NULL,
    PRIMARY KEY (sensor_id, metric)
);
INSERT INTO reading_metric_hours (sensor_id, metric, last_hour)
SELECT sensor_id, metric, to_timestamp(floor(extract(epoch FROM max(time)) / 3600) * 3600)
FROM readings GROUP BY sensor_id, metric;

DROP INDEX readings_identity;
CREATE UNIQUE INDEX readings_identity ON readings (sensor_id, time, metric);

CREATE OR REPLACE FUNCTION sensor_latest(p_sensor bigint)
    RETURNS TABLE (metric text, "time" timestamptz, value double precision)
    LANGUAGE sql STABLE AS $$
    SELECT h.metric, l."time", l.value
    FROM reading_metric_hours h CROSS JOIN LATERAL (
        SELECT r."time", r.value FROM readings r
        WHERE r.sensor_id = p_sensor AND r."time" >= h.last_hour AND r."time" < h.last_hour + interval '1 hour'
          AND r.metric = h.metric
        ORDER BY r."time" DESC LIMIT 1) l
    WHERE h.sensor_id = p_sensor
    ORDER BY h.metric
$$;
