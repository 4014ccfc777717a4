-- MQTT telemetry (issue 5): latest values, hourly rollup, device online/offline events and rejected messages.

-- The demo seeded sensors with provisional profile ids; these are the catalogue's ids.
UPDATE sensors SET profile_id = 'z2m-temperature-humidity' WHERE profile_id = 'zigbee2mqtt-temperature-humidity';
UPDATE sensors SET profile_id = 'z2m-air-quality' WHERE profile_id = 'zigbee2mqtt-air-quality';
UPDATE sensors SET profile_id = 'z2m-smoke' WHERE profile_id = 'zigbee2mqtt-smoke';
UPDATE sensors SET profile_id = 'z2m-door-contact' WHERE profile_id = 'zigbee2mqtt-door-contact';

-- Latest value of each metric of a sensor, straight from the readings index (a loose index scan over the
-- sensor's metrics, then the newest row of each): exact, and nothing to maintain on the ingest path.
CREATE FUNCTION sensor_latest(p_sensor bigint)
    RETURNS TABLE (metric text, "time" timestamptz, value double precision)
    LANGUAGE sql STABLE AS $$
    WITH RECURSIVE m AS (
        (SELECT r.metric FROM readings r WHERE r.sensor_id = p_sensor ORDER BY r.metric LIMIT 1)
        UNION ALL
        SELECT (SELECT r.metric FROM readings r WHERE r.sensor_id = p_sensor AND r.metric > m.metric ORDER BY r.metric LIMIT 1)
        FROM m WHERE m.metric IS NOT NULL)
    SELECT m.metric, l."time", l.value
    FROM m CROSS JOIN LATERAL (
        SELECT r."time", r.value FROM readings r WHERE r.sensor_id = p_sensor AND r.metric = m.metric ORDER BY r."time" DESC LIMIT 1) l
    WHERE m.metric IS NOT NULL
    ORDER BY m.metric
$$;

-- Hourly rollup of closed hours, recomputed from readings by the rollup job (RollupJob) for every hour
-- marked in rollup_dirty. Queries read closed, clean hours from here and the rest (the open hour, hours
-- with late data) from readings, so results are exact at any moment, like a continuous aggregate with
-- real-time aggregation.
CREATE TABLE readings_hourly (
    bucket    timestamptz      NOT NULL,
    sensor_id bigint           NOT NULL,
    metric    text             NOT NULL,
    centre_id bigint           NOT NULL,
    n         bigint           NOT NULL,
    sum       double precision NOT NULL,
    min       double precision NOT NULL,
    max       double precision NOT NULL,
    PRIMARY KEY (sensor_id, metric, bucket)
);
CREATE INDEX readings_hourly_bucket ON readings_hourly (bucket);

-- Hours that received readings since they were last rolled up (set by the reading writer in the same
-- transaction as the readings).
CREATE TABLE rollup_dirty (
    bucket timestamptz PRIMARY KEY
);

-- A device came online or went offline (availability message or report silence per its profile).
CREATE TABLE device_events (
    time      timestamptz NOT NULL,
    sensor_id bigint      NOT NULL,
    centre_id bigint      NOT NULL,
    online    boolean     NOT NULL,
    reason    text        NOT NULL,
    UNIQUE (sensor_id, time, online)
);
CREATE INDEX device_events_centre_time ON device_events (centre_id, time DESC);

-- Messages that could not be used, kept for operators (bounded: the writer deletes the oldest beyond
-- telemetry.rejectedKeep).
CREATE TABLE rejected_messages (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time          timestamptz NOT NULL,
    topic         text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('malformed', 'unknown_topic', 'out_of_range', 'oversized', 'unsupported')),
    reason        text        NOT NULL,
    payload_bytes integer     NOT NULL,
    -- The start of the payload, as text with control characters replaced; never the whole payload.
    excerpt       text        NOT NULL
);
CREATE INDEX rejected_messages_time ON rejected_messages (time DESC);
