-- MQTT telemetry (issue 5): latest values, hourly rollup, device online/offline events and rejected messages.

-- The demo seeded sensors with provisional profile ids; these are the catalogue's ids.
UPDATE sensors SET profile_id = 'z2m-temperature-humidity' WHERE profile_id = 'zigbee2mqtt-temperature-humidity';
UPDATE sensors SET profile_id = 'z2m-air-quality' WHERE profile_id = 'zigbee2mqtt-air-quality';
UPDATE sensors SET profile_id = 'z2m-smoke' WHERE profile_id = 'zigbee2mqtt-smoke';
UPDATE sensors SET profile_id = 'z2m-door-contact' WHERE profile_id = 'zigbee2mqtt-door-contact';

-- Latest value of each metric of each sensor, maintained by the reading writer in the same transaction
-- as the rows it inserts (only rows that were really inserted, so QoS 1 redelivery changes nothing).
CREATE TABLE sensor_latest (
    sensor_id bigint           NOT NULL,
    metric    text             NOT NULL,
    centre_id bigint           NOT NULL,
    time      timestamptz      NOT NULL,
    value     double precision NOT NULL,
    PRIMARY KEY (sensor_id, metric)
);

-- Hourly rollup, maintained by the reading writer in the same transaction as the rows it inserts.
-- (Sum and count rather than an average so that batches add up exactly.)
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
