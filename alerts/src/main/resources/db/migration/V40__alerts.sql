-- Alerts (issue 6): the current state of each alert, kept alongside its append-only history in
-- alert_events (core V1). A row of `alerts` may only change in a transaction that also appends an
-- alert_events row for it (checked at commit by alerts_need_event), and is never deleted.

CREATE TABLE alerts (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id      bigint      NOT NULL REFERENCES districts (id),
    centre_id        bigint      NOT NULL REFERENCES centres (id),
    source           text        NOT NULL CHECK (source IN ('sensor', 'camera', 'patrol', 'system')),
    -- Sensor or camera id, or the user who recorded a patrol finding.
    source_id        text        NOT NULL,
    rule_id          text        NOT NULL,
    kind             text        NOT NULL,
    severity         text        NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning')),
    title            text        NOT NULL,
    detail           jsonb       NOT NULL DEFAULT '{}',
    -- One active alert per source and rule: source:source_id:rule_id.
    dedup_key        text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('open', 'acknowledged', 'answered', 'resolved', 'closed')),
    -- Whether the triggering condition still holds (sensor and camera rules).
    condition_active boolean     NOT NULL DEFAULT true,
    first_seen       timestamptz NOT NULL,
    last_seen        timestamptz NOT NULL,
    occurrences      integer     NOT NULL DEFAULT 1,
    assignee_id      bigint      REFERENCES users (id),
    ack_due          timestamptz NOT NULL,
    answer_due       timestamptz NOT NULL,
    -- 0 none, 1 acknowledgement overdue, 2 answer overdue.
    escalation_level smallint    NOT NULL DEFAULT 0,
    updated_at       timestamptz NOT NULL,
    version          integer     NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX alerts_one_active ON alerts (dedup_key) WHERE state IN ('open', 'acknowledged', 'answered');
CREATE INDEX alerts_centre_time ON alerts (centre_id, first_seen DESC);
CREATE INDEX alerts_district_time ON alerts (district_id, first_seen DESC);
CREATE INDEX alerts_due ON alerts (ack_due, answer_due) WHERE state IN ('open', 'acknowledged');

-- Photos and files attached to answers and comments; referenced from the event's detail.
CREATE TABLE alert_attachments (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id     bigint      NOT NULL REFERENCES alerts (id),
    content_type text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    data         bytea       NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_attachments_alert ON alert_attachments (alert_id);
CREATE TRIGGER alert_attachments_append_only BEFORE UPDATE OR DELETE ON alert_attachments
    FOR EACH ROW EXECUTE FUNCTION carewatch_append_only();

CREATE FUNCTION alerts_need_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- xmin of a row written in this transaction is this transaction's id (32-bit form).
    IF NOT EXISTS (SELECT 1 FROM alert_events e WHERE e.alert_id = NEW.id
                   AND e.xmin::text::bigint = (txid_current() % 4294967296)) THEN
        RAISE EXCEPTION 'alerts row % changed without an alert_events row in the same transaction', NEW.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER alerts_need_event AFTER INSERT OR UPDATE ON alerts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION alerts_need_event();

CREATE FUNCTION alerts_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'alerts rows are never deleted';
END
$$;
CREATE TRIGGER alerts_no_delete BEFORE DELETE ON alerts FOR EACH ROW EXECUTE FUNCTION alerts_no_delete();

-- Rule evaluation state that must survive a restart: a pending condition (since when) or a raised one
-- (which alert). Written when a condition starts, is raised or clears, never per reading.
CREATE TABLE alert_rule_state (
    state_key  text PRIMARY KEY,
    centre_id  bigint      NOT NULL,
    phase      text        NOT NULL CHECK (phase IN ('pending', 'active')),
    since      timestamptz NOT NULL,
    samples    integer     NOT NULL DEFAULT 0,
    -- What to raise when the pending duration is reached (so a restored pending state can fire without
    -- waiting for the next reading): the alert template, the pending duration and the schedule.
    trigger    jsonb       NOT NULL,
    due_after_ms bigint    NOT NULL,
    schedule   text        NOT NULL DEFAULT 'always',
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Per-centre changes to the rules a centre inherits from its sensors' hardware profiles.
CREATE TABLE alert_rule_overrides (
    centre_id       bigint  NOT NULL REFERENCES centres (id),
    profile_id      text    NOT NULL,
    rule_id         text    NOT NULL,
    enabled         boolean NOT NULL DEFAULT true,
    threshold       double precision,
    clear_threshold double precision,
    for_duration    text,   -- ISO-8601 duration
    severity        text    CHECK (severity IN ('critical', 'major', 'minor', 'warning')),
    schedule        text,
    PRIMARY KEY (centre_id, profile_id, rule_id)
);

-- Outgoing webhooks: JSON POSTs signed with X-CareWatch-Signature: sha256=HMAC(secret, body).
CREATE TABLE webhooks (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id bigint      REFERENCES districts (id),
    url         text        NOT NULL CHECK (url ~ '^https?://'),
    secret      text        NOT NULL CHECK (length(secret) >= 16),
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_dead_letters (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id bigint      NOT NULL REFERENCES webhooks (id),
    alert_id   bigint      NOT NULL,
    event      text        NOT NULL,
    payload    jsonb       NOT NULL,
    attempts   integer     NOT NULL,
    last_error text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
