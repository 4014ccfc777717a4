-- Who viewed or exported children's images (PIPL art. 28): append-only and hash-chained, so a removed
-- or altered row breaks the chain that `carewatch audit verify` checks.
CREATE TABLE access_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time        timestamptz NOT NULL,
    user_id     bigint      NOT NULL,
    username    text        NOT NULL,
    role        text        NOT NULL,
    action      text        NOT NULL CHECK (action IN ('snapshot', 'live', 'export', 'frame')),
    object_type text        NOT NULL,
    object_id   bigint      NOT NULL,
    centre_id   bigint      NOT NULL,
    purpose     text        NOT NULL DEFAULT '',
    client      text        NOT NULL DEFAULT '',
    prev_hash   bytea       NOT NULL,
    hash        bytea       NOT NULL UNIQUE
);
CREATE INDEX access_log_centre_time ON access_log (centre_id, time DESC);
CREATE INDEX access_log_user_time ON access_log (user_id, time DESC);

CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION carewatch_append_only();
