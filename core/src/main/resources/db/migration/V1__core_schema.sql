-- CareWatch core schema: reference tables (districts, roles, users, centres, cameras, sensors, tokens)
-- and the append-only, time-keyed tables (readings, stream_events, alert_events).
-- Time-keyed tables are plain tables with time indexes here; TimescaleSetup turns them into hypertables
-- when the timescaledb extension is available (see core/.../store/TimescaleSetup.java).

CREATE TABLE districts (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code             text        NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
    name             text        NOT NULL,
    -- Live view is a per-district policy: some jurisdictions forbid real-time viewing by anyone.
    live_view_policy text        NOT NULL DEFAULT 'purpose' CHECK (live_view_policy IN ('allowed', 'purpose', 'disabled')),
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE roles (
    code    text PRIMARY KEY,
    name_en text NOT NULL,
    name_zh text NOT NULL
);
INSERT INTO roles (code, name_en, name_zh) VALUES
    ('admin',    'Administrator',  '管理员'),
    ('officer',  'Patrol officer', '巡查员'),
    ('auditor',  'Auditor',        '督导审计'),
    ('facility', 'Facility staff', '托育机构');

CREATE TABLE centres (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id   bigint      NOT NULL REFERENCES districts (id),
    code          text        NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- centre: 托育机构; nursery_class: 托班 in a kindergarten; community: 社区宝宝屋
    kind          text        NOT NULL DEFAULT 'centre' CHECK (kind IN ('centre', 'nursery_class', 'community')),
    address       text        NOT NULL DEFAULT '',
    capacity      integer     NOT NULL DEFAULT 0 CHECK (capacity BETWEEN 0 AND 10000),
    contact_name  text        NOT NULL DEFAULT '',
    contact_phone text        NOT NULL DEFAULT '',
    -- ISO day numbers (1 = Monday) on which the centre is open.
    open_days     smallint[]  NOT NULL DEFAULT '{1,2,3,4,5}',
    opens_at      time        NOT NULL DEFAULT '07:30',
    closes_at     time        NOT NULL DEFAULT '17:30',
    nap_starts_at time,
    nap_ends_at   time,
    active        boolean     NOT NULL DEFAULT true,
    version       integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (closes_at > opens_at),
    CHECK ((nap_starts_at IS NULL) = (nap_ends_at IS NULL)),
    CHECK (nap_starts_at IS NULL OR (nap_ends_at > nap_starts_at AND nap_starts_at >= opens_at AND nap_ends_at <= closes_at))
);
CREATE INDEX centres_district ON centres (district_id);

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text        NOT NULL CHECK (username ~ '^[a-z0-9_.-]{3,64}$'),
    display_name  text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL REFERENCES roles (code),
    -- Scope: officers, auditors and admins see a district; facility staff see one centre.
    district_id   bigint      REFERENCES districts (id),
    centre_id     bigint      REFERENCES centres (id),
    locale        text        NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'facility' OR centre_id IS NOT NULL),
    CHECK (role = 'facility' OR district_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_username ON users (username);

-- Bearer tokens are stored as SHA-256 hashes: a copy of this table does not let anyone sign in.
CREATE TABLE api_tokens (
    token_hash bytea PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE cameras (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    centre_id     bigint      NOT NULL REFERENCES centres (id),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    profile_id    text        NOT NULL,
    host          text        NOT NULL,
    port          integer     CHECK (port BETWEEN 1 AND 65535),
    channel       integer     NOT NULL DEFAULT 1 CHECK (channel BETWEEN 1 AND 512),
    stream        text        NOT NULL DEFAULT 'main' CHECK (stream IN ('main', 'sub')),
    -- Only for the generic profile that takes a full URL (no credentials inside).
    rtsp_path     text,
    username      text,
    -- AES-256-GCM, key outside the database (security.credentialKeyFile).
    password_enc  bytea,
    area          text        NOT NULL DEFAULT 'activity'
                  CHECK (area IN ('activity', 'sleeping', 'dining', 'entrance', 'outdoor', 'corridor', 'kitchen', 'other')),
    -- Held open (streamed without decoding) or sampled on demand.
    held          boolean     NOT NULL DEFAULT true,
    privacy_masks jsonb       NOT NULL DEFAULT '[]',
    active        boolean     NOT NULL DEFAULT true,
    version       integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cameras_centre ON cameras (centre_id);

CREATE TABLE sensors (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    centre_id  bigint      NOT NULL REFERENCES centres (id),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    profile_id text        NOT NULL,
    -- The device's name or topic as its profile expects (e.g. a Zigbee2MQTT friendly name).
    device_key text        NOT NULL CHECK (length(device_key) BETWEEN 1 AND 200),
    location   text        NOT NULL DEFAULT '',
    active     boolean     NOT NULL DEFAULT true,
    version    integer     NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (profile_id, device_key)
);
CREATE INDEX sensors_centre ON sensors (centre_id);

-- Time-series tables: append-only, keyed by time.

CREATE TABLE readings (
    time      timestamptz      NOT NULL,
    centre_id bigint           NOT NULL,
    sensor_id bigint           NOT NULL,
    metric    text             NOT NULL,
    value     double precision NOT NULL
);
-- Makes QoS 1 redelivery idempotent (and includes time, as hypertables require).
CREATE UNIQUE INDEX readings_identity ON readings (sensor_id, metric, time);
CREATE INDEX readings_centre_time ON readings (centre_id, time DESC);

CREATE TABLE stream_events (
    time      timestamptz NOT NULL,
    camera_id bigint      NOT NULL,
    centre_id bigint      NOT NULL,
    state     text        NOT NULL,
    detail    text        NOT NULL DEFAULT ''
);
CREATE INDEX stream_events_camera_time ON stream_events (camera_id, time DESC);
CREATE INDEX stream_events_centre_time ON stream_events (centre_id, time DESC);

CREATE TABLE alert_events (
    time      timestamptz NOT NULL,
    alert_id  bigint      NOT NULL,
    centre_id bigint      NOT NULL,
    actor     text        NOT NULL,
    action    text        NOT NULL,
    detail    jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX alert_events_alert_time ON alert_events (alert_id, time);
CREATE INDEX alert_events_centre_time ON alert_events (centre_id, time DESC);

-- History is evidence: rows of these tables are never edited. Deletion is allowed only to the retention
-- job, which sets carewatch.retention = 'on' in its transaction.
CREATE FUNCTION carewatch_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('carewatch.retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;
CREATE TRIGGER stream_events_append_only BEFORE UPDATE OR DELETE ON stream_events
    FOR EACH ROW EXECUTE FUNCTION carewatch_append_only();
CREATE TRIGGER alert_events_append_only BEFORE UPDATE OR DELETE ON alert_events
    FOR EACH ROW EXECUTE FUNCTION carewatch_append_only();
